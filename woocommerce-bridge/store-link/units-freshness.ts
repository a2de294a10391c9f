/**
 * Units read again when they may have changed, beside the schedule and every sync: WooCommerce tells no
 * one when a merchant switches Settings → Products from kg/cm to lbs/in, and every size it sends after is
 * in the new units.
 *
 *   - a product delivery converted with units last read more than UNITS_FRESH_MS ago reads them first;
 *   - the plugin states the store's units in every rate request: units that differ from ours start a
 *     check at once (at most once a minute per store).
 *
 * A check that finds new units stores them and starts a full sync (every stored size was in the old ones).
 */
import { readStoreUnits, type StoreUnits } from '../store-units.js';
import { checkLink } from './check-link.js';
import type { LinkContext } from './link-context.js';

export const UNITS_FRESH_MS = 5 * 60_000;
const NOTICE_EVERY_MS = 60_000;

export async function freshUnits(ctx: LinkContext, tenant: string, signal?: AbortSignal): Promise<void> {
  const at = (await ctx.connections.get(tenant))?.link?.unitsCheckedAt;
  if (at && Date.parse(at) + UNITS_FRESH_MS > ctx.now()) return;
  // Deliveries come in bursts: one of them reads, the others use what it stored.
  if (!(await ctx.store.cacheSetIfAbsent(`woo-units-read:${tenant}`, 1, UNITS_FRESH_MS))) return;
  await checkLink(ctx, tenant, 'webhook', signal);
}

/** The plugin said which units the store uses; true when that started a check. */
export async function noticeUnits(
  ctx: LinkContext,
  tenant: string,
  stated:
    { readonly weight?: string | undefined; readonly dimension?: string | undefined } | null | undefined,
  known: StoreUnits | null | undefined,
  signal?: AbortSignal,
): Promise<boolean> {
  if (!stated || !known) return false;
  const units = readStoreUnits(stated.weight ?? '', stated.dimension ?? '');
  if (!units || (units.weight === known.weight && units.dimension === known.dimension)) return false;
  if (!(await ctx.store.cacheSetIfAbsent(`woo-units-noticed:${tenant}`, 1, NOTICE_EVERY_MS))) return false;
  await checkLink(ctx, tenant, 'rates', signal);
  return true;
}
