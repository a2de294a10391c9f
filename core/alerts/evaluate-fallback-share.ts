/**
 * The fallback-share alert, from the rate log: each evaluation looks at the tenant's checkouts of the last
 * five minutes. A share of fallbacks above the configured threshold (over at least `minQuotes` checkouts)
 * starts a clock kept in the store; when it has run for the configured minutes the incident opens. A share
 * at or below the threshold stops the clock and resolves the incident. Too few checkouts say nothing: the
 * clock stops, and an open incident stays open until checkouts show it cleared.
 */
import { z } from 'zod';
import type { RateLog } from '../quoting/rate-log.js';
import type { AlertsContext } from './alerts-context.js';
import { openIncident } from './open-incident.js';
import { resolveIncident } from './resolve-incident.js';

export const FALLBACK_WINDOW_MS = 5 * 60_000;
const STATE_REF = { kind: 'alert-state', id: 'fallback-share' } as const;
const stateSchema = z.object({ aboveSince: z.string() });

export type FallbackShareVerdict =
  | { readonly state: 'too_few'; readonly quotes: number }
  | { readonly state: 'below' | 'above' | 'incident'; readonly quotes: number; readonly share: number };

export async function evaluateFallbackShare(
  ctx: AlertsContext,
  rateLog: Pick<RateLog, 'page'>,
  tenant: string,
): Promise<FallbackShareVerdict> {
  const now = ctx.now();
  const { entries } = await rateLog.page(tenant, 0, 500);
  const recent = entries.filter(
    (entry) => entry.source !== 'none' && now - Date.parse(entry.at) <= FALLBACK_WINDOW_MS,
  );
  const ref = { tenant, ...STATE_REF };
  if (recent.length < ctx.fallback.minQuotes) {
    await ctx.store.deleteDoc(ref);
    return { state: 'too_few', quotes: recent.length };
  }
  const share = recent.filter((entry) => entry.source === 'fallback').length / recent.length;
  if (share <= ctx.fallback.share) {
    await ctx.store.deleteDoc(ref);
    await resolveIncident(ctx, tenant, 'fallback_share_high', 'checkout');
    return { state: 'below', quotes: recent.length, share };
  }
  const stored = stateSchema.safeParse(await ctx.store.getDoc(ref));
  const aboveSince = stored.success ? Date.parse(stored.data.aboveSince) : now;
  if (!stored.success) await ctx.store.putDoc(ref, { aboveSince: new Date(now).toISOString() });
  if (now - aboveSince < ctx.fallback.sustainMs) return { state: 'above', quotes: recent.length, share };
  await openIncident(ctx, tenant, {
    kind: 'fallback_share_high',
    percent: Math.round(share * 100),
    minutes: Math.round(ctx.fallback.sustainMs / 60_000),
  });
  return { state: 'incident', quotes: recent.length, share };
}
