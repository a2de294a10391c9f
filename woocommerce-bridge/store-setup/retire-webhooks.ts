/**
 * A connection moved to another store URL: the webhooks registered for the old one go, or they keep
 * delivering the old store's products (signed with a secret we still hold). Their endpoint is forgotten
 * first, so nothing delivered to it is applied any more; then the webhooks are deleted where they can be:
 * at the old address with the old keys (by id), and at the new address with the new keys (the same
 * WordPress moved to https, say: found by their old delivery URL). A read-only key cannot delete; the
 * plugin's webhooks are re-pointed by the plugin when its settings are saved.
 */
import type { SealedCredentials, StoreConnection } from '../store-connection.js';
import type { WooClient } from '../woocommerce-client.js';
import { openStore } from './open-store.js';
import type { SetupContext } from './setup-context.js';

export interface RetiredWebhooks {
  readonly storeUrl: string;
  readonly auth: StoreConnection['auth'];
  readonly credentials: SealedCredentials | null;
  readonly endpointId: string;
  readonly ids: Record<string, number>;
}

export async function retireWebhooks(
  ctx: SetupContext,
  tenant: string,
  retired: RetiredWebhooks,
  signal?: AbortSignal,
): Promise<number> {
  await ctx.endpoints.delete(retired.endpointId);
  const oldUrl = ctx.deliveryUrl(retired.endpointId);
  let deleted = 0;
  if (retired.credentials && retired.auth) {
    const credentials = ctx.connections.openCredentials(tenant, retired.storeUrl, retired.credentials);
    const old = ctx.client(credentials, retired.auth);
    for (const id of Object.values(retired.ids)) {
      if ((await old.deleteWebhook(id, signal)).ok) deleted += 1;
    }
  }
  const opened = await openStore(ctx, tenant);
  if (opened) deleted += await deleteByDeliveryUrl(opened.client, oldUrl, signal);
  ctx.logger.info({ tenant, deleted, from: retired.storeUrl }, 'webhooks of the old store URL retired');
  return deleted;
}

async function deleteByDeliveryUrl(client: WooClient, url: string, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (let page = 1; page <= 10; page += 1) {
    const listed = await client.listWebhooks(page, signal);
    if (!listed.ok) break;
    for (const webhook of listed.value.items) {
      if (webhook.delivery_url === url && (await client.deleteWebhook(webhook.id, signal)).ok) deleted += 1;
    }
    if (page >= listed.value.totalPages) break;
  }
  return deleted;
}
