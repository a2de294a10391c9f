/**
 * Registers the product webhooks over the REST API, which needs a key with write permission. Webhooks we
 * registered before are found first (a read-only key can list them) and kept. Otherwise a read-only key
 * (what the key grant asks for) is not tried: the RateBridge plugin registers them inside WordPress
 * instead (accept-plugin-webhooks.ts), and the connection says so until it has.
 */
import { randomBytes } from 'node:crypto';
import type { StoreConnection, StoreWebhooks } from '../store-connection.js';
import { describeFailure, type WooClient, type WooFailure } from '../woocommerce-client.js';
import { openStore } from './open-store.js';
import { PRODUCT_WEBHOOK_TOPICS, type SetupContext } from './setup-context.js';

const READ_ONLY_DETAIL =
  'The store key is read-only, so the RateBridge plugin registers the product webhooks: save its settings once (WooCommerce → Settings → Shipping → RateBridge).';

type WebhookIds = Record<string, number>;

export async function registerWebhooks(
  ctx: SetupContext,
  tenant: string,
  signal?: AbortSignal,
): Promise<void> {
  const opened = await openStore(ctx, tenant);
  if (!opened) return;
  const claimed = await claimEndpoint(ctx, tenant);
  if (!claimed) return;
  const { record, endpointId } = claimed;
  const url = ctx.deliveryUrl(endpointId);
  const ids = await findRegistered(opened.client, url, signal);
  const finish = (status: StoreWebhooks['status'], detail: string | null) =>
    finishRegistration(ctx, tenant, endpointId, { status, ids, detail });

  if (!complete(ids) && record.credentials?.permissions === 'read') {
    await finish('awaiting_plugin', READ_ONLY_DETAIL);
    ctx.logger.info({ tenant }, 'read-only WooCommerce key: the plugin registers the product webhooks');
    return;
  }
  const secret = ctx.connections.openWebhookSecret(tenant, claimed.sealedSecret);
  const failure = await createMissing(opened.client, { url, secret, ids }, signal);
  if (complete(ids)) {
    await finish('registered', null);
    ctx.logger.info({ tenant, topics: Object.keys(ids) }, 'WooCommerce product webhooks registered');
    return;
  }
  // A key without write permission (pasted by hand): the plugin can still register them.
  const refused = failure?.kind === 'rejected' || failure?.kind === 'forbidden';
  const detail = failure ? describeFailure(failure) : null;
  await finish(refused ? 'awaiting_plugin' : 'failed', refused ? `${detail} ${READ_ONLY_DETAIL}` : detail);
  ctx.logger.warn({ tenant, detail }, 'WooCommerce product webhooks could not all be registered');
}

/**
 * One endpoint and secret per store for the three topics, kept across reconnects; none while the plugin's
 * are in place (it registered them with its own secret).
 */
async function claimEndpoint(
  ctx: SetupContext,
  tenant: string,
): Promise<{ record: StoreConnection; endpointId: string; sealedSecret: string } | undefined> {
  const fresh: StoreWebhooks = {
    endpointId: `wh_${randomBytes(18).toString('base64url')}`,
    sealedSecret: ctx.connections.sealWebhookSecret(tenant, randomBytes(32).toString('base64url')),
    status: 'pending',
    ids: {},
    detail: null,
    at: ctx.connections.iso(),
  };
  const record = await ctx.connections.update(tenant, (current) =>
    current && !current.webhooks ? { ...current, webhooks: fresh } : undefined,
  );
  const webhooks = record?.webhooks;
  if (!record || !webhooks || webhooks.status === 'plugin') return undefined;
  if (webhooks.endpointId === fresh.endpointId) {
    await ctx.endpoints.put(fresh.endpointId, tenant);
  }
  return { record, endpointId: webhooks.endpointId, sealedSecret: webhooks.sealedSecret };
}

/** A reconnect finds the webhooks it registered before (same delivery URL and secret) and keeps them. */
async function findRegistered(client: WooClient, url: string, signal?: AbortSignal): Promise<WebhookIds> {
  const ids: WebhookIds = {};
  for (let page = 1; page <= 10; page += 1) {
    const listed = await client.listWebhooks(page, signal);
    if (!listed.ok) break;
    for (const webhook of listed.value.items) {
      if (webhook.delivery_url === url && webhook.status === 'active') ids[webhook.topic] = webhook.id;
    }
    if (page >= listed.value.totalPages) break;
  }
  return ids;
}

/** Creates each topic's webhook not yet in `ids` (adding it there); returns the first failure, if any. */
async function createMissing(
  client: WooClient,
  target: { url: string; secret: string; ids: WebhookIds },
  signal?: AbortSignal,
): Promise<WooFailure | undefined> {
  let failure: WooFailure | undefined;
  for (const topic of PRODUCT_WEBHOOK_TOPICS) {
    if (target.ids[topic] !== undefined) continue;
    const created = await client.createWebhook(
      { name: `RateBridge ${topic}`, topic, deliveryUrl: target.url, secret: target.secret },
      signal,
    );
    if (created.ok) target.ids[topic] = created.value.id;
    else failure ??= created.failure;
  }
  return failure;
}

const complete = (ids: WebhookIds) => PRODUCT_WEBHOOK_TOPICS.every((topic) => ids[topic] !== undefined);

async function finishRegistration(
  ctx: SetupContext,
  tenant: string,
  endpointId: string,
  outcome: Pick<StoreWebhooks, 'status' | 'ids' | 'detail'>,
): Promise<void> {
  await ctx.connections.update(tenant, (current) =>
    // Not over a newer endpoint, nor over what the plugin registered meanwhile.
    current?.webhooks?.endpointId === endpointId && current.webhooks.status !== 'plugin'
      ? { ...current, webhooks: { ...current.webhooks, ...outcome, at: ctx.connections.iso() } }
      : undefined,
  );
}
