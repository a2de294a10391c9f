/**
 * The webhooks part of a link check. Each product topic's webhook is looked up in the store by our
 * delivery URL: active, paused (the merchant's choice: left so), disabled (WooCommerce disables a webhook
 * after more than 5 failed deliveries in a row) or missing (deleted in WooCommerce). The webhooks we
 * registered over the REST API are repaired: a disabled one re-enabled, a missing one created again with
 * the same secret. The plugin's (a read-only key) cannot be changed with our key: the merchant is told to
 * save the plugin settings, which re-activates them.
 */
import { PRODUCT_WEBHOOK_TOPICS } from '../store-setup/setup-context.js';
import type { StoreConnection, StoreWebhooks } from '../store-connection.js';
import type { LinkWebhook } from '../../core/wire/store-link-schema.js';
import type { WooClient } from '../woocommerce-client.js';
import type { WooWebhook } from '../woocommerce-resources.js';
import type { LinkContext } from './link-context.js';

const PLUGIN_ADVICE =
  'WooCommerce stopped delivering some product webhooks (it disables one after repeated failed deliveries). Save the RateBridge plugin settings once (WooCommerce → Settings → Shipping → RateBridge) to turn them on again.';

const PLUGIN_HEALTHY = 'Registered by the RateBridge plugin in WooCommerce.';

export interface WebhooksSeen {
  readonly webhooks: LinkWebhook[];
  /** Ids by topic after repairs (ours only). */
  readonly ids: Record<string, number>;
  readonly detail: string | null;
}

export async function checkWebhooks(
  ctx: LinkContext,
  tenant: string,
  record: StoreConnection,
  client: WooClient,
  signal?: AbortSignal,
): Promise<WebhooksSeen | undefined> {
  const registered = record.webhooks;
  if (!registered || registered.status === 'pending') return undefined;
  const url = ctx.setup.deliveryUrl(registered.endpointId);
  const listed = await listOurs(client, url, signal);
  if (!listed) return undefined;
  const ours = registered.status === 'registered' && record.credentials?.permissions !== 'read';
  const ids = { ...registered.ids };
  const webhooks: LinkWebhook[] = [];
  for (const topic of PRODUCT_WEBHOOK_TOPICS) {
    const found =
      listed.find((hook) => hook.id === ids[topic] && hook.topic === topic) ??
      listed.find((hook) => hook.topic === topic);
    const seen = found ? asStatus(found.status) : 'missing';
    const repaired =
      ours && (seen === 'disabled' || seen === 'missing')
        ? await repair(ctx, tenant, { client, registered, url, topic, found }, signal)
        : undefined;
    if (repaired !== undefined) ids[topic] = repaired;
    else if (found) ids[topic] = found.id;
    webhooks.push({
      topic,
      status: repaired !== undefined ? 'active' : seen,
      repairedAt: repaired !== undefined ? ctx.iso() : previousRepair(record, topic),
    });
  }
  const unhealthy = webhooks.some((hook) => hook.status === 'disabled' || hook.status === 'missing');
  const pluginDetail = unhealthy ? PLUGIN_ADVICE : PLUGIN_HEALTHY;
  return { webhooks, ids, detail: registered.status === 'plugin' ? pluginDetail : null };
}

async function listOurs(
  client: WooClient,
  url: string,
  signal?: AbortSignal,
): Promise<WooWebhook[] | undefined> {
  const ours: WooWebhook[] = [];
  for (let page = 1; page <= 10; page += 1) {
    const listed = await client.listWebhooks(page, signal);
    if (!listed.ok) return undefined;
    ours.push(...listed.value.items.filter((hook) => hook.delivery_url === url));
    if (page >= listed.value.totalPages) break;
  }
  return ours;
}

/** Re-enables or re-creates one of our webhooks; its id once it is active again, else undefined. */
async function repair(
  ctx: LinkContext,
  tenant: string,
  target: { client: WooClient; registered: StoreWebhooks; url: string; topic: string; found?: WooWebhook },
  signal?: AbortSignal,
): Promise<number | undefined> {
  const { client, found, topic } = target;
  const result = found
    ? await client.setWebhookStatus(found.id, 'active', signal)
    : await client.createWebhook(
        {
          name: `RateBridge ${topic}`,
          topic,
          deliveryUrl: target.url,
          secret: ctx.connections.openWebhookSecret(tenant, target.registered.sealedSecret),
        },
        signal,
      );
  if (!result.ok) {
    ctx.logger.warn({ tenant, topic, failure: result.failure.kind }, 'product webhook not repaired');
    return undefined;
  }
  ctx.logger.info({ tenant, topic, how: found ? 're-enabled' : 're-created' }, 'product webhook repaired');
  return result.value.id;
}

function asStatus(status: string): LinkWebhook['status'] {
  return status === 'active' || status === 'paused' ? status : 'disabled';
}

function previousRepair(record: StoreConnection, topic: string): string | null {
  return record.link?.webhooks.find((hook) => hook.topic === topic)?.repairedAt ?? null;
}
