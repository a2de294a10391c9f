/**
 * The plugin's side of a read-only store: it registers the three product webhooks in WooCommerce itself
 * (as the admin who saved its settings) with a secret it generated and sends us here, in a signed request.
 * The secret is sealed like ours; it only ever travels towards us. The answer is where to deliver and
 * which topics, or that we registered them already (a key with write permission), so the plugin adds none.
 */
import { randomBytes } from 'node:crypto';
import { rbError } from '../../core/index.js';
import type { StoreConnection } from '../store-connection.js';
import { PRODUCT_WEBHOOK_TOPICS, type SetupContext } from './setup-context.js';

/** How long our own REST registration may hold off the plugin's offer before it counts as abandoned. */
const PENDING_REGISTRATION_MS = 5 * 60_000;

type PluginWebhooksAnswer =
  | { readonly registeredBy: 'plugin'; readonly deliveryUrl: string; readonly topics: readonly string[] }
  | { readonly registeredBy: 'ratebridge' };

type Verdict = 'accepted' | 'ours' | 'busy' | 'not_connected';

export async function acceptPluginWebhooks(
  ctx: SetupContext,
  tenant: string,
  secret: string,
): Promise<PluginWebhooksAnswer> {
  const spareEndpoint = `wh_${randomBytes(18).toString('base64url')}`;
  const outcome: { verdict: Verdict } = { verdict: 'not_connected' };
  // Decided inside the atomic update, so a REST registration or a reconnect running meanwhile is seen.
  const record = await ctx.connections.update(tenant, (current) => {
    outcome.verdict = verdictOn(current);
    if (!current || outcome.verdict !== 'accepted') return undefined;
    return {
      ...current,
      webhooks: {
        endpointId: current.webhooks?.endpointId ?? spareEndpoint,
        sealedSecret: ctx.connections.sealWebhookSecret(tenant, secret),
        status: 'plugin',
        ids: {},
        detail: 'Registered by the RateBridge plugin in WooCommerce.',
        at: ctx.connections.iso(),
      },
    };
  });
  switch (outcome.verdict) {
    case 'not_connected':
      throw rbError('RB_ERR_STORE_NOT_CONNECTED', 'save the plugin settings again');
    case 'busy':
      throw rbError('RB_ERR_WEBHOOKS_BEING_REGISTERED');
    case 'ours':
      return { registeredBy: 'ratebridge' };
    case 'accepted':
      break;
  }
  const endpointId = record?.webhooks?.endpointId ?? spareEndpoint;
  if (endpointId === spareEndpoint) {
    await ctx.endpoints.put(endpointId, tenant);
  }
  ctx.logger.info({ tenant }, 'WooCommerce product webhooks registered by the plugin');
  return { registeredBy: 'plugin', deliveryUrl: ctx.deliveryUrl(endpointId), topics: PRODUCT_WEBHOOK_TOPICS };
}

function verdictOn(current: StoreConnection | undefined): Verdict {
  if (!current || current.status !== 'connected') return 'not_connected';
  const webhooks = current.webhooks;
  if (webhooks?.status === 'registered') return 'ours';
  // Our REST registration is under way with our secret: the plugin's would be refused afterwards.
  // (One left pending by a stopped instance stops counting after a few minutes.)
  if (webhooks?.status === 'pending' && Date.parse(webhooks.at) + PENDING_REGISTRATION_MS > Date.now())
    return 'busy';
  return 'accepted';
}
