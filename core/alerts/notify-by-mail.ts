/**
 * Alert mail over SMTP (nodemailer): one message when an incident opens, one when it clears. The text is
 * the incident's own wording (incident-wording.ts) plus the shop and a link to the admin, nothing else:
 * no token, key, platform message or shopper detail can be in it because none is in an incident.
 *
 * Every stage of the SMTP conversation is bounded, so a dead mail server costs a delivery, never a hang.
 */
import nodemailer from 'nodemailer';
import type { MailSettings } from '../config.js';
import type { IncidentRecord } from './incident.js';

export interface AlertMail {
  readonly subject: string;
  readonly text: string;
  /** The recipients; ALERT_MAIL_TO when absent (people's sign-in and invitation mail name their own). */
  readonly to?: readonly string[];
}

export interface AlertMailer {
  send(mail: AlertMail): Promise<void>;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 20_000;

export function createMailer(settings: MailSettings): AlertMailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.password } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      const { to, ...content } = mail;
      await transport.sendMail({ from: settings.from, to: [...(to ?? settings.to)], ...content });
    },
    close: () => transport.close(),
  };
}

export type Notice = 'opened' | 'resolved';

/** The mail for one notice about one incident of `tenant`. */
export function composeAlertMail(
  notice: Notice,
  tenant: string,
  incident: IncidentRecord,
  publicUrl: string,
): AlertMail {
  const link = `${publicUrl}/admin${incident.actionPath}`;
  if (notice === 'resolved') {
    return {
      subject: `[RateBridge] Resolved for ${tenant}: ${incident.title}`,
      text: [
        `Resolved: ${incident.title}`,
        '',
        `Store: ${tenant}`,
        `Opened: ${incident.openedAt}`,
        `Resolved: ${incident.resolvedAt ?? ''}`,
        '',
        'Nothing more to do: checkout works as before.',
      ].join('\n'),
    };
  }
  return {
    subject: `[RateBridge] Action needed for ${tenant}: ${incident.title}`,
    text: [
      incident.title,
      '',
      `Store: ${tenant}`,
      `Since: ${incident.openedAt}`,
      '',
      `What to do: ${incident.action}`,
      '',
      `Open RateBridge: ${link}`,
      '',
      'You get one more mail when this clears.',
    ].join('\n'),
  };
}
