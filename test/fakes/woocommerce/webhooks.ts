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
export type ProductEvent = (typeof PRODUCT_TOPIC_EVENTS)[number];

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

export function createWebhookHub(context: WebhookHubContext) {
  const queue: ScheduledAction[] = [];
  // wp_salt('auth'): what wp_hash() keys its HMAC-MD5 with.
  const salt = randomBytes(32).toString('hex');
  let nextId = 1;

  async function add(input: Omit<FakeWebhook, 'id' | 'pingStatus' | 'failureCount'>): Promise<FakeWebhook> {
    const webhook: FakeWebhook = { ...input, id: nextId++, failureCount: 0, pingStatus: undefined };
    context.webhooks.set(webhook.id, webhook);
    const ping = await safeRequest(
      webhook.deliveryUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': HOOKSHOT_USER_AGENT },
        body: `webhook_id=${webhook.id}`,
      },
      context.safeHttp(),
    );
    webhook.pingStatus = ping.ok ? ping.response.status : 0;
    return webhook;
  }

  /** The topic's hook fired for `resourceId`: schedule a delivery for each active webhook of the topic. */
  function fire(topic: string, resourceId: number): void {
    for (const webhook of context.webhooks.values()) {
      if (webhook.topic !== topic || webhook.status !== 'active' || !webhook.deliveryUrl) continue;
      const pending = queue.some((action) => action.webhookId === webhook.id && action.arg === resourceId);
      if (!pending) queue.push({ webhookId: webhook.id, arg: resourceId });
    }
  }

  async function run(): Promise<FakeDelivery[]> {
    const ran: FakeDelivery[] = [];
    while (queue.length > 0) {
      const action = queue.shift() as ScheduledAction;
      // wc_deliver_webhook_async(): a webhook deleted since is skipped; its status is not looked at again.
      const webhook = context.webhooks.get(action.webhookId);
      if (webhook) ran.push(await deliver(webhook, action.arg));
    }
    return ran;
  }

  async function deliver(webhook: FakeWebhook, resourceId: number): Promise<FakeDelivery> {
    const body = phpJsonEncode(context.payload(webhook.topic, resourceId)).trim();
    const headers = deliveryHeaders(webhook, sign(webhook.secret, body));
    const sent = await send(webhook, headers, body);
    countOutcome(webhook, sent.status);
    return sent;
  }

  function deliveryHeaders(webhook: FakeWebhook, signature: string | undefined) {
    const [resource = '', event = ''] = webhook.topic.split('.');
    const second = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': HOOKSHOT_USER_AGENT,
      'x-wc-webhook-source': `${context.homeUrl()}/`,
      'x-wc-webhook-topic': webhook.topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-id': String(webhook.id),
      // wp_hash( $this->get_id() . strtotime( 'now' ) )
      'x-wc-webhook-delivery-id': createHmac('md5', salt).update(`${webhook.id}${second}`).digest('hex'),
    };
    if (signature !== undefined) headers['x-wc-webhook-signature'] = signature;
    return headers;
  }

  async function send(
    webhook: FakeWebhook,
    headers: Record<string, string>,
    body: string,
  ): Promise<FakeDelivery> {
    const answer = await safeRequest(
      webhook.deliveryUrl,
      { method: 'POST', headers, body },
      context.safeHttp(),
    );
    const delivery: FakeDelivery = {
      webhookId: webhook.id,
      topic: webhook.topic,
      deliveryId: headers['x-wc-webhook-delivery-id'] ?? '',
      status: answer.ok ? answer.response.status : 0,
      body: answer.ok ? parseJson(answer.response.text) : answer.error,
      request: { headers, body },
    };
    context.deliveries.push(delivery);
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

  async function forge(topic: string, resourceId: number, signature: 'bad' | 'none' | 'valid') {
    const sent: FakeDelivery[] = [];
    for (const webhook of context.webhooks.values()) {
      if (webhook.topic !== topic || webhook.status !== 'active') continue;
      const body = phpJsonEncode(context.payload(topic, resourceId));
      const signed =
        signature === 'none'
          ? undefined
          : sign(signature === 'bad' ? 'not-the-secret' : webhook.secret, body);
      sent.push(await send(webhook, deliveryHeaders(webhook, signed), body));
    }
    return sent;
  }

  /** The same bytes again, straight to the URL (a proxy's retry, a replay). */
  async function redeliver(delivery: FakeDelivery): Promise<FakeDelivery> {
    const webhook = context.webhooks.get(delivery.webhookId);
    if (!webhook) throw new Error(`no webhook ${delivery.webhookId}`);
    const answer = await rawRequest(
      webhook.deliveryUrl,
      { method: 'POST', headers: delivery.request.headers, body: delivery.request.body },
      context.safeHttp().trustedCa,
    );
    return { ...delivery, status: answer.status, body: parseJson(answer.text) };
  }

  return {
    add,
    fire,
    run,
    forge,
    redeliver,
    get pending() {
      return queue.length;
    },
  };
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
