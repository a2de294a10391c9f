/**
 * The two mails people get: an invitation to a store and a sign-in link. They go through the alert mail
 * transport (core/alerts/notify-by-mail.ts), to the person's own address. Each holds its one-time link and
 * nothing else secret; the link is never logged (core/security/redact.ts scrubs its path segment).
 */
import type { AlertMail } from '../alerts/notify-by-mail.js';
import { storeDisplayName } from '../admin-api/store-display.js';
import type { Invitation } from '../wire/admin-api-types.js';

export function invitationMail(tenant: string, invitation: Invitation, link: string): AlertMail {
  const store = storeDisplayName(tenant);
  return {
    to: [invitation.email],
    subject: `[RateBridge] You are invited to ${store}`,
    text: [
      `You are invited to the RateBridge admin of ${store} as ${invitation.role}.`,
      '',
      `Accept (the link works once, until ${invitation.expiresAt}):`,
      link,
      '',
      'If you did not expect this, ignore this mail.',
    ].join('\n'),
  };
}

export function signInMail(email: string, links: readonly { tenant: string; link: string }[]): AlertMail {
  return {
    to: [email],
    subject: '[RateBridge] Your sign-in link',
    text: [
      'Someone (we hope you) asked to sign in to RateBridge with this address.',
      '',
      ...links.flatMap(({ tenant, link }) => [`${storeDisplayName(tenant)}:`, link, '']),
      'Each link works once, for 15 minutes. If you did not ask, ignore this mail.',
    ].join('\n'),
  };
}
