/**
 * The units part of a link check: the store's weight and dimension units read again. A change is stored
 * at once (webhooks from then on convert with the new units) and reported; the caller decides whether a
 * full sync must follow (every stored size was read in the old units).
 */
import { readUnits } from '../store-setup/verify-store-keys.js';
import type { StoreUnits } from '../store-units.js';
import type { WooClient, WooFailure } from '../woocommerce-client.js';
import type { LinkContext } from './link-context.js';

export type UnitsRead =
  | { readonly ok: true; readonly units: StoreUnits; readonly changed: boolean }
  | { readonly ok: false; readonly failure: WooFailure };

export async function checkUnits(
  ctx: LinkContext,
  tenant: string,
  client: WooClient,
  signal?: AbortSignal,
): Promise<UnitsRead> {
  const read = await readUnits(client, signal);
  if (!read.ok) return read;
  const units = read.value;
  let previous: StoreUnits | null = null;
  const record = await ctx.connections.update(tenant, (current) => {
    if (!current) return undefined;
    previous = current.units;
    const link = current.link;
    return {
      ...current,
      units,
      link: link ? { ...link, unitsCheckedAt: ctx.iso() } : link,
    };
  });
  const before = previous as StoreUnits | null;
  const changed = before !== null && (before.weight !== units.weight || before.dimension !== units.dimension);
  if (changed && record) {
    ctx.logger.info({ tenant, from: before, to: units }, 'WooCommerce store units changed');
    await ctx.events.emit({
      type: 'units-changed',
      tenant,
      storeUrl: record.storeUrl,
      previous: before,
      units,
      at: ctx.iso(),
    });
  }
  return { ok: true, units, changed };
}
