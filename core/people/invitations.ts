/**
 * Invitations to a standalone store: an owner names an address and a role; the invited person opens a
 * single-use link (mailed, or shown once to copy) valid for seven days. The store keeps the open
 * invitation (address, role, who invited, expiry) for the owner's list, and only the hash of its link.
 * Withdrawing one deletes it, which makes its link refuse; an expired one is deleted when the owner's list
 * is next read (or its link opened), so none is kept forever.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { rbError } from '../errors.js';
import type { Store } from '../storage/store.js';
import type { Invitation, Role } from '../wire/admin-api-types.js';
import { invitationSchema } from '../wire/people-schema.js';
import { createOneTimeTokens } from './one-time-tokens.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
const KIND = 'invitation';

export function createInvitations(store: Store, now: () => number = Date.now) {
  const links = createOneTimeTokens(
    store,
    'invitation-link',
    z.object({ tenant: z.string(), id: z.string() }),
    INVITATION_TTL_MS,
  );
  const ref = (tenant: string, id: string) => ({ tenant, kind: KIND, id });
  const live = (invitation: Invitation) => Date.parse(invitation.expiresAt) > now();
  return {
    /** The open invitations; expired ones are deleted as they are found (their links refuse already). */
    async list(tenant: string): Promise<Invitation[]> {
      const docs = await store.listDocs(tenant, KIND);
      const all = [...docs.values()].map((doc) => invitationSchema.parse(doc));
      const expired = all.filter((invitation) => !live(invitation));
      await Promise.all(expired.map((invitation) => store.deleteDoc(ref(tenant, invitation.id))));
      return all.filter(live);
    },
    /** A new invitation and its link's secret (to mail, or to show once). */
    async create(
      tenant: string,
      input: { email: string; role: Role; invitedBy: string },
    ): Promise<{ invitation: Invitation; secret: string }> {
      const invitation: Invitation = {
        id: `inv_${randomBytes(12).toString('base64url')}`,
        ...input,
        expiresAt: new Date(now() + INVITATION_TTL_MS).toISOString(),
      };
      await store.putDoc(ref(tenant, invitation.id), invitation);
      return { invitation, secret: await links.issue({ tenant, id: invitation.id }) };
    },
    async withdraw(tenant: string, id: string): Promise<void> {
      if (!(await store.deleteDoc(ref(tenant, id)))) throw rbError('RB_ERR_NOT_FOUND', 'That invitation');
    },
    /** The live invitation a link is for, without spending it. */
    async peek(secret: string): Promise<{ tenant: string; invitation: Invitation } | undefined> {
      const claims = await links.peek(secret);
      if (!claims) return undefined;
      const doc = await store.getDoc(ref(claims.tenant, claims.id));
      const invitation = doc === undefined ? undefined : invitationSchema.parse(doc);
      if (invitation && !live(invitation)) await store.deleteDoc(ref(claims.tenant, invitation.id));
      return invitation && live(invitation) ? { tenant: claims.tenant, invitation } : undefined;
    },
    /** Spends the link: the invitation it was for (now gone), or RB_ERR_INVITATION_INVALID. */
    async accept(secret: string): Promise<{ tenant: string; invitation: Invitation }> {
      const found = await this.peek(secret);
      if (!found || !(await links.spend(secret))) throw rbError('RB_ERR_INVITATION_INVALID');
      // Withdrawn meanwhile: deleteDoc reports it gone, and the link does nothing.
      if (!(await store.deleteDoc(ref(found.tenant, found.invitation.id))))
        throw rbError('RB_ERR_INVITATION_INVALID');
      return found;
    },
  };
}
