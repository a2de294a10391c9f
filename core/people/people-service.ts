/**
 * People of standalone stores (docs/people-and-roles.md): members, invitations, sign-in links by mail and
 * the store's activity trail, built once by the core. A sign-in request answers the same whether or not the
 * address has an account, and sends its mail in the background so the answer's timing says nothing either.
 */
import { z } from 'zod';
import type { AlertMailer } from '../alerts/notify-by-mail.js';
import { rbError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { Invitation, Role } from '../wire/admin-api-types.js';
import { createActivityTrail } from './activity-trail.js';
import { createInvitations } from './invitations.js';
import { createMembershipChanges } from './membership-changes.js';
import { createOneTimeTokens } from './one-time-tokens.js';
import { invitationMail, signInMail } from './people-mail.js';
import { createPeople, emailHash } from './people-store.js';
import { createRequestLimiter } from './request-limiter.js';

export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

export interface PeopleServiceOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly publicUrl: string;
  /** Absent without SMTP settings: invitations are then shown to copy, and sign-in mail cannot go. */
  readonly mailer: AlertMailer | undefined;
  readonly now?: () => number;
}

const signInClaims = z.object({ tenant: z.string(), person: z.string() });

export function createPeopleService(options: PeopleServiceOptions) {
  const { store, logger, publicUrl, mailer } = options;
  const people = createPeople(store);
  const invitations = createInvitations(store, options.now);
  const signInLinks = createOneTimeTokens(store, 'sign-in-link', signInClaims, SIGN_IN_LINK_TTL_MS);
  const limiter = createRequestLimiter(store);
  const log = logger.child({ component: 'people' });
  return {
    ...createMembershipChanges(people, log),
    people,
    invitations,
    signInLinks,
    activity: createActivityTrail(store),
    mailConfigured: mailer !== undefined,
    /** Invites `email`; mails the link, or returns it (once) to be passed on by hand. */
    async invite(
      tenant: string,
      input: { email: string; role: Role; invitedBy: string; delivery: 'email' | 'copy' },
    ): Promise<{ invitation: Invitation; mailed: boolean; link?: string }> {
      await limiter.consume(`invite:${tenant}`, 20);
      // Again when accepted (people-store.ts add): they may join meanwhile.
      if (await people.findByEmail(tenant, input.email)) throw rbError('RB_ERR_ALREADY_MEMBER');
      const { invitation, secret } = await invitations.create(tenant, input);
      const link = `${publicUrl}/admin/invitation/${secret}`;
      if (input.delivery === 'copy' || !mailer) return { invitation, mailed: false, link };
      try {
        await mailer.send(invitationMail(tenant, invitation, link));
      } catch (error) {
        log.warn({ err: error, tenant }, 'an invitation could not be mailed; it was withdrawn');
        await invitations.withdraw(tenant, invitation.id);
        throw rbError('RB_ERR_MAIL_UNAVAILABLE');
      }
      return { invitation, mailed: true };
    },
    /** Mails a sign-in link for each store the address belongs to; says nothing about whether it does. */
    async requestSignIn(email: string, client: string): Promise<void> {
      await limiter.consume(`sign-in-client:${client}`, 10);
      await limiter.consume(`sign-in-email:${emailHash(email)}`, 5);
      void mailSignInLinks(email).catch((error: unknown) =>
        log.warn({ err: error }, 'a sign-in mail could not be sent'),
      );
    },
  };

  async function mailSignInLinks(email: string): Promise<void> {
    const memberships = await people.membershipsOf(email);
    if (memberships.length === 0) return;
    if (!mailer) {
      log.warn('A person asked for a sign-in link, but mail is off (set SMTP_HOST and ALERT_MAIL_FROM)');
      return;
    }
    const links = await Promise.all(
      memberships.map(async ({ tenant, person }) => ({
        tenant,
        link: `${publicUrl}/admin/sign-in/${await signInLinks.issue({ tenant, person: person.id })}`,
      })),
    );
    await mailer.send(signInMail(email, links));
  }
}

export type PeopleService = ReturnType<typeof createPeopleService>;
