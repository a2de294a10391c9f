/** Pending keys are checked against the store; on success they become the connection's credentials. */
import type { SealedCredentials } from '../store-connection.js';
import { describeFailure, type WooFailure } from '../woocommerce-client.js';
import { afterConnect, connectedRecord, webhooksToRetire } from './become-connected.js';
import { checkOutcome } from './key-failure.js';
import type { SetupContext } from './setup-context.js';
import { verifyStoreKeys } from './verify-store-keys.js';

const SUPERSEDED = 'Newer keys arrived for this store; they are being checked instead.';

export async function verifyPendingKeys(
  ctx: SetupContext,
  tenant: string,
  expected: SealedCredentials,
  signal?: AbortSignal,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  const { connections, logger } = ctx;
  const record = await connections.get(tenant);
  if (!record?.pending || record.pending.sealedKey !== expected.sealedKey) {
    return { ok: false, detail: SUPERSEDED };
  }
  const storeUrl = record.pending.storeUrl ?? record.storeUrl;
  const credentials = connections.openCredentials(tenant, storeUrl, record.pending);
  const verified = await verifyStoreKeys(ctx, credentials, signal);
  if (!verified.ok) {
    const detail = await refusePending(ctx, tenant, expected, verified.failure);
    return { ok: false, detail };
  }
  let promoted = false;
  let retired: ReturnType<typeof webhooksToRetire>;
  await connections.update(tenant, (current) => {
    promoted = false;
    if (current?.pending?.sealedKey !== expected.sealedKey) return undefined;
    promoted = true;
    retired = webhooksToRetire(current, storeUrl);
    return connectedRecord(ctx, current, storeUrl, expected, verified);
  });
  if (!promoted) return { ok: false, detail: SUPERSEDED };
  logger.info({ tenant, auth: verified.auth }, 'WooCommerce store connected through the key grant');
  afterConnect(ctx, tenant, retired);
  return { ok: true };
}

/** Drops the refused keys (unless newer ones replaced them) and records why; a working connection stays. */
async function refusePending(
  ctx: SetupContext,
  tenant: string,
  expected: SealedCredentials,
  failure: WooFailure,
): Promise<string> {
  const detail = describeFailure(failure);
  await ctx.connections.update(tenant, (current) =>
    current?.pending?.sealedKey === expected.sealedKey
      ? {
          ...current,
          pending: null,
          status: current.credentials ? current.status : 'failed',
          lastCheck: { at: ctx.connections.iso(), outcome: checkOutcome(failure), detail },
        }
      : undefined,
  );
  ctx.logger.info({ tenant, failure: failure.kind }, 'granted store keys refused by the store');
  return detail;
}
