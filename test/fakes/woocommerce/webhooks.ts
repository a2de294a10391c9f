/**
 * WooCommerce's webhooks (includes/class-wc-webhook.php, includes/wc-webhook-functions.php, 9.9.5):
 *
 * - a topic's hooks fire while the store saves something; `wc_webhook_execute_queue()` then schedules one
 *   `woocommerce_deliver_webhook_async` action per (webhook, resource) in Action Scheduler, unless one is
 *   already pending: two saves before the queue runs give one delivery;
 * - the action runs later (`runScheduledActions()`), and `build_payload()` reads the resource then: a product
 *   deleted meanwhile gives REST's 404 error body; `deleted` topics carry only `{id}`;
 * - `deliver()` POSTs `trim(wp_json_encode($payload))` through WordPress's safe HTTP with the Hookshot
 *   User-Agent and the X-WC-Webhook-* headers; a 2xx, 301 or 302 resets `failure_count`, anything else
 *   (a refused URL, a TLS failure included) is a failure; a failure with `failure_count > 5` disables the
 *   webhook, so the seventh failure in a row does (the count stops at 6);
 * - `deliver_ping()` POSTs `webhook_id=<id>` (a form body, no signature) when the webhook is created.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { phpJsonEncode } from './php-json.js';
import { HOOKSHOT_USER_AGENT } from './versions.js';
import { rawRequest, safeRequest, type SafeHttpContext } from './wordpress-http.js';
import type { FakeDelivery, FakeWebhook } from './types.js';

/** `woocommerce_max_webhook_delivery_failures`. */
const MAX_DELIVERY_FAILURES = 5;

export const PRODUCT_TOPIC_EVENTS = ['created', 'updated', 'deleted', 'restored'] as const;

export interface WebhookHubContext {
  readonly webhooks: Map<number, FakeWebhook>;
  readonly deliveries: FakeDelivery[];
  readonly homeUrl: () => string;
  readonly safeHttp: () => SafeHttpContext;
  /** `build_payload()`: the REST answer for the resource now, or its error body. */
  readonly payload: (topic: string, resourceId: number) => unknown;
}

interface ScheduledAction {
  readonly webhookId: number;
  readonly arg: number;
}

interface Hub {
  readonly context: WebhookHubContext;
  /** Action Scheduler's pending `woocommerce_deliver_webhook_async` actions. */
  readonly queue: ScheduledAction[];
  /** wp_salt('auth'): what wp_hash() keys its HMAC-MD5 with. */
  readonly salt: string;
  nextId: number;
}

export function createWebhookHub(context: WebhookHubContext) {
  const hub: Hub = { context, queue: [], salt: randomBytes(32).toString('hex'), nextId: 1 };
  return {
    add: (input: Omit<FakeWebhook, 'id' | 'pingStatus' | 'failureCount'>) => addWebhook(hub, input),
    fire: (topic: string, resourceId: number) => fire(hub, topic, resourceId),
    run: () => runQueue(hub),
    forge: (topic: string, resourceId: number, signature: 'bad' | 'none' | 'valid') =>
      forge(hub, topic, resourceId, signature),
    redeliver: (delivery: FakeDelivery) => redeliver(hub, delivery),
    get pending() {
      return hub.queue.length;
    },
  };
}

/** Saves a webhook and pings it (`deliver_ping()`). */
async function addWebhook(
  hub: Hub,
  input: Omit<FakeWebhook, 'id' | 'pingStatus' | 'failureCount'>,
): Promise<FakeWebhook> {
  const webhook: FakeWebhook = { ...input, id: hub.nextId++, failureCount: 0, pingStatus: undefined };
  hub.context.webhooks.set(webhook.id, webhook);
  const ping = await safeRequest(
    webhook.deliveryUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': HOOKSHOT_USER_AGENT },
      body: `webhook_id=${webhook.id}`,
    },
    hub.context.safeHttp(),
  );
  webhook.pingStatus = ping.ok ? ping.response.status : 0;
  return webhook;
}

/** The topic's hook fired for `resourceId`: schedule a delivery for each active webhook of the topic. */
function fire(hub: Hub, topic: string, resourceId: number): void {
  for (const webhook of hub.context.webhooks.values()) {
    if (webhook.topic !== topic || webhook.status !== 'active' || !webhook.deliveryUrl) continue;
    const pending = hub.queue.some((action) => action.webhookId === webhook.id && action.arg === resourceId);
    if (!pending) hub.queue.push({ webhookId: webhook.id, arg: resourceId });
  }
}

async function runQueue(hub: Hub): Promise<FakeDelivery[]> {
  const ran: FakeDelivery[] = [];
  while (hub.queue.length > 0) {
    const action = hub.queue.shift() as ScheduledAction;
    // wc_deliver_webhook_async(): a webhook deleted since is skipped; its status is not looked at again.
    const webhook = hub.context.webhooks.get(action.webhookId);
    if (webhook) ran.push(await deliver(hub, webhook, action.arg));
  }
  return ran;
}

async function deliver(hub: Hub, webhook: FakeWebhook, resourceId: number): Promise<FakeDelivery> {
  const body = phpJsonEncode(hub.context.payload(webhook.topic, resourceId)).trim();
  const sent = await send(hub, webhook, deliveryHeaders(hub, webhook, sign(webhook.secret, body)), body);
  countOutcome(webhook, sent.status);
  return sent;
}

function deliveryHeaders(hub: Hub, webhook: FakeWebhook, signature: string | undefined) {
  const [resource = '', event = ''] = webhook.topic.split('.');
  const second = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': HOOKSHOT_USER_AGENT,
    'x-wc-webhook-source': `${hub.context.homeUrl()}/`,
    'x-wc-webhook-topic': webhook.topic,
    'x-wc-webhook-resource': resource,
    'x-wc-webhook-event': event,
    'x-wc-webhook-id': String(webhook.id),
    // wp_hash( $this->get_id() . strtotime( 'now' ) )
    'x-wc-webhook-delivery-id': createHmac('md5', hub.salt).update(`${webhook.id}${second}`).digest('hex'),
  };
  if (signature !== undefined) headers['x-wc-webhook-signature'] = signature;
  return headers;
}

async function send(
  hub: Hub,
  webhook: FakeWebhook,
  headers: Record<string, string>,
  body: string,
): Promise<FakeDelivery> {
  const answer = await safeRequest(
    webhook.deliveryUrl,
    { method: 'POST', headers, body },
    hub.context.safeHttp(),
  );
  const delivery: FakeDelivery = {
    webhookId: webhook.id,
    topic: webhook.topic,
    deliveryId: headers['x-wc-webhook-delivery-id'] ?? '',
    status: answer.ok ? answer.response.status : 0,
    body: answer.ok ? parseJson(answer.response.text) : answer.error,
    request: { headers, body },
  };
  hub.context.deliveries.push(delivery);
  return delivery;
}

/** log_delivery(): success is 200–302; failed_delivery() disables once the count is already past 5. */
function countOutcome(webhook: FakeWebhook, status: number): void {
  if (status >= 200 && status < 303) {
    webhook.failureCount = 0;
  } else if (webhook.failureCount > MAX_DELIVERY_FAILURES) {
    webhook.status = 'disabled';
  } else {
    webhook.failureCount += 1;
  }
}

async function forge(hub: Hub, topic: string, resourceId: number, signature: 'bad' | 'none' | 'valid') {
  const sent: FakeDelivery[] = [];
  for (const webhook of hub.context.webhooks.values()) {
    if (webhook.topic !== topic || webhook.status !== 'active') continue;
    const body = phpJsonEncode(hub.context.payload(topic, resourceId));
    const signed =
      signature === 'none' ? undefined : sign(signature === 'bad' ? 'not-the-secret' : webhook.secret, body);
    sent.push(await send(hub, webhook, deliveryHeaders(hub, webhook, signed), body));
  }
  return sent;
}

/** The same bytes again, straight to the URL (a proxy's retry, a replay). */
async function redeliver(hub: Hub, delivery: FakeDelivery): Promise<FakeDelivery> {
  const webhook = hub.context.webhooks.get(delivery.webhookId);
  if (!webhook) throw new Error(`no webhook ${delivery.webhookId}`);
  const answer = await rawRequest(
    webhook.deliveryUrl,
    { method: 'POST', headers: delivery.request.headers, body: delivery.request.body },
    hub.context.safeHttp().trustedCa,
  );
  return { ...delivery, status: answer.status, body: parseJson(answer.text) };
}

export type WebhookHub = ReturnType<typeof createWebhookHub>;

/** `generate_signature()`: base64 HMAC-SHA256 of the body with the webhook's secret. */
function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
