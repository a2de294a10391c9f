/** The manual path: pasted keys are checked against the store before anything is stored. */
import { toConnectionView, type StoreConnection, type StoreConnectionView } from '../store-connection.js';
import type { StoreAddress } from '../store-url.js';
import { afterConnect, connectedRecord, webhooksToRetire } from './become-connected.js';
import { failureError } from './key-failure.js';
import type { SetupContext } from './setup-context.js';
import { verifyStoreKeys } from './verify-store-keys.js';

export async function connectManually(
  ctx: SetupContext,
  tenant: string,
  address: StoreAddress,
  input: { consumerKey: string; consumerSecret: string },
): Promise<StoreConnectionView> {
  const { connections, logger } = ctx;
  const verified = await verifyStoreKeys(ctx, { storeUrl: address.url, ...input });
  if (!verified.ok) {
    logger.info({ tenant, storeUrl: address.url, failure: verified.failure.kind }, 'store keys refused');
    throw failureError(verified.failure);
  }
  const sealed = connections.sealCredentials(
    tenant,
    { ...input, wcKeyId: null, permissions: null },
    'manual',
  );
  let retired: ReturnType<typeof webhooksToRetire>;
  const record = await connections.update(tenant, (current) => {
    retired = webhooksToRetire(current, address.url);
    return connectedRecord(ctx, current, address.url, sealed, verified);
  });
  logger.info({ tenant, storeUrl: address.url, auth: verified.auth }, 'WooCommerce store connected');
  afterConnect(ctx, tenant, retired);
  return toConnectionView(record as StoreConnection);
}
