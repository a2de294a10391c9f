/**
 * The role a session signed in by the plugin's "Open RateBridge" (POST /woocommerce/admin-link) gets: never
 * more than the key's maker has now. A key made by a person since removed signs nobody in
 * (RB_ERR_KEY_MAKER_REMOVED), though it still signs the store's checkout.
 */
import { rbError } from '../../core/index.js';
import type { Role } from '../../core/wire/admin-api-types.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import { keyMakerStanding } from './key-maker-standing.js';

export async function adminLinkRole(
  bridge: Pick<WooCommerceBridge, 'core' | 'keys'>,
  caller: { readonly tenant: string; readonly keyId: string },
): Promise<Role> {
  const key = (await bridge.keys.list(caller.tenant)).find((listed) => listed.id === caller.keyId);
  const standing = await keyMakerStanding(bridge.core, caller.tenant, key?.createdBy);
  if (standing.removed) throw rbError('RB_ERR_KEY_MAKER_REMOVED');
  return standing.role;
}
