/**
 * One check of a store's link, on the schedule and at the start of every sync: the key (one read), the
 * units (read again; a change is stored and, outside a sync, starts a full sync) and the product webhooks
 * (repaired where they are ours). What it found is stored on the connection (`link`), and a refused key
 * turns the connection from connected to failed until a check finds the key working again.
 */
import type { StoreUnits } from '../store-units.js';
import { describeFailure, isTransient, type WooClient, type WooFailure } from '../woocommerce-client.js';
import { checkKey } from './check-key.js';
import { checkUnits } from './check-units.js';
import { checkWebhooks } from './check-webhooks.js';
import type { LinkContext } from './link-context.js';
import { recordHealthy, recordKeyFailure } from './record-check.js';

export type CheckReason = 'schedule' | 'sync' | 'manual' | 'webhook' | 'rates';

export type LinkCheck =
  | { readonly ok: true; readonly units: StoreUnits; readonly client: WooClient }
  /** `transient`: the store did not answer (worth reading again later); otherwise it refused. */
  | { readonly ok: false; readonly detail: string; readonly transient: boolean };

const NOT_CONNECTED = 'The store is not connected (or its keys were not accepted yet).';

export async function checkLink(
  ctx: LinkContext,
  tenant: string,
  reason: CheckReason,
  signal?: AbortSignal,
): Promise<LinkCheck> {
  const opened = await ctx.setup.open(tenant);
  if (!opened) return { ok: false, detail: NOT_CONNECTED, transient: false };
  const key = await checkKey(ctx, tenant, opened, signal);
  if (!key.ok) {
    if (key.failure.kind !== 'cancelled') await recordKeyFailure(ctx, tenant, key);
    return failed(key.failure);
  }
  const units = await checkUnits(ctx, tenant, key.client, signal);
  if (!units.ok) return failed(units.failure);
  // Every stored size was read in the old units: a sync reads them all again (a sync is doing so now).
  if (units.changed && reason !== 'sync') await ctx.startSync(tenant, 'units');
  // A registration that failed earlier (the store was down) is tried again.
  if ((await ctx.connections.get(tenant))?.webhooks?.status === 'failed')
    await ctx.setup.registerWebhooks(tenant, signal);
  const record = await ctx.connections.get(tenant);
  const webhooks = record ? await checkWebhooks(ctx, tenant, record, key.client, signal) : undefined;
  await recordHealthy(ctx, tenant, webhooks);
  return { ok: true, units: units.units, client: key.client };
}

const failed = (failure: WooFailure): LinkCheck => ({
  ok: false,
  detail: describeFailure(failure),
  transient: isTransient(failure),
});
