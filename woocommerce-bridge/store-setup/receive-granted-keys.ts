/** Keys from the grant callback are stored sealed, as pending; verify-pending-keys.ts checks them. */
import type { SealedCredentials } from '../store-connection.js';
import type { StoreAddress } from '../store-url.js';
import type { SetupContext } from './setup-context.js';

export async function receiveGrantedKeys(
  ctx: SetupContext,
  tenant: string,
  address: StoreAddress,
  input: { consumerKey: string; consumerSecret: string; wcKeyId: number; permissions: string },
): Promise<SealedCredentials> {
  const { connections } = ctx;
  const sealed = { ...connections.sealCredentials(tenant, input, 'grant'), storeUrl: address.url };
  await connections.update(tenant, (current) => {
    // A working connection stays as it is until the store has accepted the new keys.
    if (current) return { ...current, pending: sealed };
    return {
      storeUrl: address.url,
      status: 'verifying',
      auth: null,
      credentials: null,
      pending: sealed,
      units: null,
      webhooks: null,
      lastCheck: null,
      connectedAt: null,
      link: null,
      updatedAt: connections.iso(),
    };
  });
  return sealed;
}
