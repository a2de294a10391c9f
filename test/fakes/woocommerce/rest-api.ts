/**
 * The REST routes the bridge uses, below `/wc/v3/` (includes/rest-api/Controllers/Version3/, 9.9.5):
 *
 *   GET    products, products/<id>, products/<id>/variations      (class-wc-rest-products-controller.php,
 *          class-wc-rest-product-variations-controller.php; lists leave trashed products out)
 *   GET    settings/products/woocommerce_weight_unit | woocommerce_dimension_unit
 *          (class-wc-rest-setting-options-controller.php)
 *   GET    webhooks, webhooks/<id>; POST webhooks; PUT webhooks/<id>; DELETE webhooks/<id>?force=true
 *          (class-wc-rest-webhooks-controller.php and its Version1/2 parents; creating one pings it)
 *
 * Authentication is rest-auth.ts; a visitor (no credentials WooCommerce honoured) meets the routes'
 * permission checks: 401 `woocommerce_rest_cannot_view` / `_cannot_create`.
 */
import { collectionPage } from './rest-collection.js';
import { restError, type Reply } from './rest-reply.js';
import { isValidWebhookUrl } from './filter-validate-url.js';
import type { FakeProduct, FakeWebhook, FakeWooBehaviour } from './types.js';
import { PRODUCT_TOPIC_EVENTS, type WebhookHub } from './webhooks.js';

export interface RestContext {
  readonly products: Map<number, FakeProduct>;
  readonly webhooks: Map<number, FakeWebhook>;
  readonly hub: WebhookHub;
  readonly behaviour: FakeWooBehaviour;
  readonly units: () => { weight: string; dimension: string };
  readonly restProduct: (id: number) => Record<string, unknown>;
  readonly restUrl: (route: string) => string;
}

export interface RestCall {
  readonly method: string;
  readonly route: string;
  readonly url: URL;
  readonly body: string;
  readonly contentType: string | undefined;
}

const invalidProduct = () => restError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');

const ROUTES: readonly [RegExp, readonly string[]][] = [
  [/^products$/, ['GET']],
  [/^products\/\d+$/, ['GET']],
  [/^products\/\d+\/variations$/, ['GET']],
  [/^settings\/products\/[a-z_]+$/, ['GET']],
  [/^webhooks$/, ['GET', 'POST']],
  [/^webhooks\/\d+$/, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']],
];

/** A visitor's answer: no such route (404 before any permission check), or the route's permission check fails. */
export function visitorReply(call: RestCall): Reply {
  if (!ROUTES.some(([pattern, methods]) => pattern.test(call.route) && methods.includes(call.method))) {
    return restError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }
  if (call.method === 'POST') {
    return restError(
      401,
      'woocommerce_rest_cannot_create',
      'Sorry, you are not allowed to create resources.',
    );
  }
  if (/\/\d+$/.test(call.route) && !call.route.startsWith('settings/')) {
    return restError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  }
  return restError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
}

export async function answerRest(ctx: RestContext, call: RestCall): Promise<Reply> {
  const { method, route } = call;
  if (method === 'GET' && route === 'products') return listProducts(ctx, call);
  let match: RegExpExecArray | null;
  if (method === 'GET' && (match = /^products\/(\d+)\/variations$/.exec(route))) {
    const parent = ctx.products.get(Number(match[1]));
    if (!parent || parent.type !== 'variable') return invalidProduct();
    return collectionPage(
      parent.variationIds.map((id) => ctx.restProduct(id)),
      call.url,
    );
  }
  if (method === 'GET' && (match = /^products\/(\d+)$/.exec(route))) {
    const id = Number(match[1]);
    return ctx.products.has(id) ? { status: 200, body: ctx.restProduct(id) } : invalidProduct();
  }
  if (method === 'GET' && (match = /^settings\/products\/([a-z_]+)$/.exec(route))) {
    return setting(ctx, match[1] ?? '');
  }
  if (route === 'webhooks' || /^webhooks\/\d+$/.test(route)) return answerWebhooks(ctx, call);
  return restError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}

function listProducts(ctx: RestContext, call: RestCall): Reply {
  const page = Number(call.url.searchParams.get('page') ?? '1');
  const failing = ctx.behaviour.failPages.get(page) ?? 0;
  if (failing > 0) {
    ctx.behaviour.failPages.set(page, failing - 1);
    return restError(503, 'service_unavailable', 'Service Unavailable');
  }
  // status "any": every status but trash (and auto-draft).
  const parents = [...ctx.products.values()].filter(
    (product) => product.parentId === 0 && product.status !== 'trash',
  );
  return collectionPage(
    parents.map((product) => ctx.restProduct(product.id)),
    call.url,
  );
}

const UNIT_SETTINGS: Record<string, { label: string; default: string; options: Record<string, string> }> = {
  woocommerce_weight_unit: {
    label: 'Weight unit',
    default: 'kg',
    options: { kg: 'kg', g: 'g', lbs: 'lbs', oz: 'oz' },
  },
  woocommerce_dimension_unit: {
    label: 'Dimensions unit',
    default: 'cm',
    options: { m: 'm', cm: 'cm', mm: 'mm', in: 'in', yd: 'yd' },
  },
};

function setting(ctx: RestContext, id: string): Reply {
  const known = UNIT_SETTINGS[id];
  if (!known) return restError(404, 'rest_setting_setting_invalid', 'Invalid setting.');
  const units = ctx.units();
  return {
    status: 200,
    body: {
      id,
      label: known.label,
      description: '',
      type: 'select',
      default: known.default,
      options: known.options,
      tip: '',
      value: id === 'woocommerce_weight_unit' ? units.weight : units.dimension,
      group_id: 'products',
    },
  };
}

async function answerWebhooks(ctx: RestContext, call: RestCall): Promise<Reply> {
  const id = Number(/^webhooks\/(\d+)$/.exec(call.route)?.[1] ?? 0);
  if (call.method === 'GET' && id === 0) {
    return collectionPage(
      [...ctx.webhooks.values()].map((webhook) => restWebhook(ctx, webhook)),
      call.url,
    );
  }
  if (call.method === 'POST' && id === 0) return createWebhook(ctx, call);
  const webhook = ctx.webhooks.get(id);
  if (call.method === 'GET' && id > 0) {
    return webhook
      ? { status: 200, body: restWebhook(ctx, webhook) }
      : restError(404, 'woocommerce_rest_shop_webhook_invalid_id', 'Invalid ID.');
  }
  if (['PUT', 'PATCH', 'POST'].includes(call.method) && id > 0) return updateWebhook(ctx, call, webhook);
  if (call.method === 'DELETE' && id > 0) {
    if (!['true', '1'].includes(call.url.searchParams.get('force') ?? '')) {
      return restError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
    }
    if (!webhook) return restError(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
    ctx.webhooks.delete(id);
    return { status: 200, body: restWebhook(ctx, webhook) };
  }
  return restError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}

type WebhookInput = Partial<Record<'name' | 'topic' | 'delivery_url' | 'secret' | 'status', unknown>>;

function readBody(call: RestCall): WebhookInput | Reply {
  if (call.contentType?.startsWith('application/json')) {
    try {
      return JSON.parse(call.body || '{}') as WebhookInput;
    } catch {
      return restError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    }
  }
  return Object.fromEntries(new URLSearchParams(call.body));
}

const isReply = (value: WebhookInput | Reply): value is Reply =>
  typeof (value as Reply).status === 'number' && 'body' in value;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function validTopic(topic: string): boolean {
  const [resource, event] = topic.toLowerCase().split('.');
  return (
    ['coupon', 'customer', 'order', 'product'].includes(resource ?? '') &&
    (PRODUCT_TOPIC_EVENTS as readonly string[]).includes(event ?? '')
  );
}

async function createWebhook(ctx: RestContext, call: RestCall): Promise<Reply> {
  const input = readBody(call);
  if (isReply(input)) return input;
  const missing = ['topic', 'delivery_url'].filter((name) => input[name as keyof WebhookInput] === undefined);
  if (missing.length > 0) {
    return restError(400, 'rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, {
      params: missing,
    });
  }
  if (!validTopic(text(input.topic))) {
    return restError(
      400,
      'woocommerce_rest_webhook_invalid_topic',
      'Webhook topic is required and must be valid.',
    );
  }
  if (!isValidWebhookUrl(text(input.delivery_url))) {
    return restError(
      400,
      'woocommerce_rest_webhook_invalid_delivery_url',
      'Webhook delivery URL must be a valid URL starting with http:// or https://.',
    );
  }
  // A created webhook is always active (its post is published), whatever `status` says.
  const webhook = await ctx.hub.add({
    name: text(input.name) || 'Webhook created on Dec 03, 2026 @ 10:00 AM',
    topic: text(input.topic),
    deliveryUrl: text(input.delivery_url),
    secret: text(input.secret) || generatePassword(),
    status: 'active',
  });
  return {
    status: 201,
    body: restWebhook(ctx, webhook),
    headers: { Location: ctx.restUrl(`webhooks/${webhook.id}`) },
  };
}

function updateWebhook(ctx: RestContext, call: RestCall, webhook: FakeWebhook | undefined): Reply {
  if (!webhook) return restError(400, 'woocommerce_rest_webhook_invalid_id', 'ID is invalid.');
  const input = readBody(call);
  if (isReply(input)) return input;
  if (text(input.topic) && text(input.topic) !== webhook.topic) {
    return restError(400, 'woocommerce_rest_webhook_invalid_topic', 'Webhook topic must be valid.');
  }
  if (text(input.delivery_url)) {
    if (!isValidWebhookUrl(text(input.delivery_url))) {
      return restError(
        400,
        'woocommerce_rest_webhook_invalid_delivery_url',
        'Webhook delivery URL must be a valid URL starting with http:// or https://.',
      );
    }
    webhook.deliveryUrl = text(input.delivery_url);
  }
  if (text(input.secret)) webhook.secret = text(input.secret);
  if (text(input.status)) {
    const status = text(input.status).toLowerCase();
    if (status !== 'active' && status !== 'paused' && status !== 'disabled') {
      return restError(400, 'woocommerce_rest_webhook_invalid_status', 'Webhook status must be valid.');
    }
    // set_status() only: the failure count stays, so one more failure disables it again.
    webhook.status = status;
  }
  if (text(input.name)) webhook.name = text(input.name);
  return { status: 200, body: restWebhook(ctx, webhook) };
}

function restWebhook(ctx: RestContext, webhook: FakeWebhook): Record<string, unknown> {
  const [resource, event] = webhook.topic.split('.');
  const hooks: Record<string, string[]> = {
    'product.created': [
      'woocommerce_process_product_meta',
      'woocommerce_new_product',
      'woocommerce_new_product_variation',
    ],
    'product.updated': [
      'woocommerce_process_product_meta',
      'woocommerce_update_product',
      'woocommerce_update_product_variation',
    ],
    'product.deleted': ['wp_trash_post'],
    'product.restored': ['untrashed_post'],
  };
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks: hooks[webhook.topic] ?? [],
    delivery_url: webhook.deliveryUrl,
    date_created: '2024-05-01T20:00:00',
    date_created_gmt: '2024-05-01T10:00:00',
    date_modified: '2024-05-01T20:00:00',
    date_modified_gmt: '2024-05-01T10:00:00',
    _links: {
      self: [{ href: ctx.restUrl(`webhooks/${webhook.id}`) }],
      collection: [{ href: ctx.restUrl('webhooks') }],
    },
  };
}

/** wp_generate_password( 50, true, true ). */
function generatePassword(): string {
  const chars =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|';
  return Array.from({ length: 50 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}
