/** GET /connector-keys' list: each key, flagged when the person who made it is no longer in the store. */
import type { ListedConnectorKey } from '../../core/wire/admin-api-types.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import { keyMakerStanding } from './key-maker-standing.js';

export async function listKeys(
  bridge: Pick<WooCommerceBridge, 'core' | 'keys'>,
  tenant: string,
): Promise<ListedConnectorKey[]> {
  const keys = await bridge.keys.list(tenant);
  return Promise.all(
    keys.map(async (key) => ({
      ...key,
      creatorRemoved: (await keyMakerStanding(bridge.core, tenant, key.createdBy)).removed,
    })),
  );
}
