/**
 * After a key rotation (RATEBRIDGE_KEYS=new:…,old:…), moves every WooCommerce secret at rest to the
 * primary key: consumer keys and secrets, webhook secrets, connector key secrets. Idempotent and cheap
 * when there is nothing to move (a read per store); runs at every start.
 */
import type { Logger, Store } from '../core/index.js';
import type { ConnectorKeys } from './connector-keys.js';
import type { StoreConnections } from './store-connection.js';
import { WEBHOOK_ENDPOINT_KIND } from './store-setup.js';
import { tenantIndex } from './tenant-index.js';

interface ResealDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly connections: StoreConnections;
  readonly keys: ConnectorKeys;
}

export async function resealSecrets(
  deps: ResealDeps,
  signal?: AbortSignal,
): Promise<{ tenants: number; resealed: number }> {
  const { connections, keys } = deps;
  const tenants = new Set([
    ...(await connections.tenants()),
    // Stores connected before the list of stores was kept are named by their keys and webhook endpoints.
    ...(await keys.tenants()),
    ...(await tenantIndex(deps.store, WEBHOOK_ENDPOINT_KIND).tenants()),
  ]);
  let resealed = 0;
  for (const tenant of tenants) {
    if (signal?.aborted) break;
    resealed += (await connections.reseal(tenant)) + (await keys.reseal(tenant));
  }
  if (resealed > 0)
    deps.logger.info(
      { tenants: tenants.size, resealed },
      'WooCommerce secrets re-sealed with the primary key',
    );
  return { tenants: tenants.size, resealed };
}
