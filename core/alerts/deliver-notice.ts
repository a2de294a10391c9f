/**
 * Sends an incident's "opened" or "resolved" mail in the background and records whether it went out on the
 * incident itself. A failed delivery is logged with the incident id only: the SMTP error could name the
 * server's reply, never anything of the merchant's.
 */
import { UNCHANGED } from '../storage/store.js';
import { parseIncident, type AlertsContext } from './alerts-context.js';
import { incidentKey, type IncidentRecord, type MailState } from './incident.js';
import { composeAlertMail, type Notice } from './notify-by-mail.js';

export function deliverNotice(
  ctx: AlertsContext,
  tenant: string,
  incident: IncidentRecord,
  notice: Notice,
): void {
  const { mailer } = ctx;
  if (!mailer) return;
  const mail = composeAlertMail(notice, tenant, incident, ctx.publicUrl);
  ctx.track(
    mailer.send(mail).then(
      () => recordMailState(ctx, tenant, incident, notice, 'sent'),
      (error: unknown) => {
        ctx.logger.error(
          {
            tenant,
            incidentId: incident.id,
            notice,
            reason: error instanceof Error ? error.message : 'error',
          },
          'alert mail could not be sent',
        );
        return recordMailState(ctx, tenant, incident, notice, 'failed');
      },
    ),
  );
}

async function recordMailState(
  ctx: AlertsContext,
  tenant: string,
  incident: IncidentRecord,
  notice: Notice,
  state: MailState,
): Promise<void> {
  await ctx.store
    .updateDoc(ctx.ref(tenant, incidentKey(incident.kind, incident.subject)), (raw) => {
      const latest = parseIncident(raw);
      // Re-opened meanwhile: that is a new incident with its own mail.
      if (!latest || latest.id !== incident.id) return UNCHANGED;
      return { ...latest, mail: { ...latest.mail, [notice]: state } };
    })
    .catch((error: unknown) =>
      ctx.logger.warn({ err: error, tenant, incidentId: incident.id }, 'recording alert mail state failed'),
    );
}
