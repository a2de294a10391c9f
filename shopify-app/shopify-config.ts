/**
 * The Shopify app's settings, read from the environment and validated once at start. The Shopify front end
 * is optional: without its variables RateBridge still serves the standalone admin and WooCommerce, so a
 * missing or broken setting turns the front end off with one line saying why instead of stopping the
 * process. Secret values are never echoed: problems name the variable, never its value.
 *
 *   SHOPIFY_API_KEY      the app's client id (Dev Dashboard / Partner Dashboard)
 *   SHOPIFY_API_SECRET   the app's client secret: signs session tokens and webhooks, authenticates us
 *   SHOPIFY_APP_URL      the public https URL Shopify reaches this process at (`APP_URL` from `shopify app dev`)
 *   SHOPIFY_SCOPES       default `write_shipping,read_products` (`SCOPES` from `shopify app dev`)
 *   SHOPIFY_API_VERSION  default `DEFAULT_SHOPIFY_API_VERSION`; must be a version @shopify/shopify-api knows
 */
import { ApiVersion } from '@shopify/shopify-api';
import { z } from 'zod';

/**
 * The newest stable Admin API version in @shopify/shopify-api 15's `ApiVersion` enum (2026-10). Pinned rather
 * than computed so a library upgrade never moves the API version under us; shopify.app.toml's
 * `[webhooks] api_version` must say the same (a test checks both).
 */
export const DEFAULT_SHOPIFY_API_VERSION: ApiVersion = ApiVersion.October26;
export const DEFAULT_SHOPIFY_SCOPES = 'write_shipping,read_products';

export interface ShopifySettings {
  readonly enabled: true;
  /** The client id: session tokens' `aud`, token exchange's `client_id`. */
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Without a trailing slash. */
  readonly appUrl: string;
  readonly scopes: readonly string[];
  readonly apiVersion: ApiVersion;
  /**
   * Tests only: send every Shopify call to `<hostOverride>/<shop>/…` instead of `https://<shop>/…`, so a fake
   * Shopify on http://127.0.0.1:<port> can answer. Never read from the environment.
   */
  readonly hostOverride?: string;
}

export interface ShopifyDisabled {
  readonly enabled: false;
  /** One line for the start-up banner, naming variables only. */
  readonly reason: string;
}

export type ShopifySettingsResult = ShopifySettings | ShopifyDisabled;

type Environment = Readonly<Record<string, string | undefined>>;

const REQUIRED = ['SHOPIFY_API_KEY', 'SHOPIFY_API_SECRET', 'SHOPIFY_APP_URL'] as const;
const KNOWN_VERSIONS = Object.values(ApiVersion).filter((version) => version !== ApiVersion.Unstable);

const schema = z.object({
  SHOPIFY_API_KEY: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be the client id of the app'),
  SHOPIFY_API_SECRET: z.string().min(16).max(256),
  SHOPIFY_APP_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  SHOPIFY_SCOPES: z
    .string()
    .transform((text) => text.split(',').map((scope) => scope.trim()))
    .pipe(z.array(z.string().regex(/^(unauthenticated_)?(read|write)_[a-z_]+$/, 'is not a scope')).min(1)),
  SHOPIFY_API_VERSION: z.enum(KNOWN_VERSIONS as [ApiVersion, ...ApiVersion[]], {
    error: `must be one of ${KNOWN_VERSIONS.join(', ')}`,
  }),
});

/** Which variables hold secrets: their zod messages could quote the value, so only the name is printed. */
const SECRET_VARIABLES = new Set(['SHOPIFY_API_SECRET']);

export function loadShopifySettings(environment: Environment = process.env): ShopifySettingsResult {
  const read = (name: string) => {
    const value = environment[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const input = {
    SHOPIFY_API_KEY: read('SHOPIFY_API_KEY'),
    SHOPIFY_API_SECRET: read('SHOPIFY_API_SECRET'),
    // `shopify app dev` exports APP_URL, SCOPES (and HOST); ours win when both are set.
    SHOPIFY_APP_URL: read('SHOPIFY_APP_URL') ?? read('APP_URL'),
    SHOPIFY_SCOPES: read('SHOPIFY_SCOPES') ?? read('SCOPES') ?? DEFAULT_SHOPIFY_SCOPES,
    SHOPIFY_API_VERSION: read('SHOPIFY_API_VERSION') ?? DEFAULT_SHOPIFY_API_VERSION,
  };

  const missing = REQUIRED.filter((name) => input[name] === undefined);
  if (missing.length === REQUIRED.length) {
    return disabled(`set ${REQUIRED.join(', ')} to turn it on`);
  }
  if (missing.length > 0) return disabled(`missing ${missing.join(', ')}`);

  const parsed = schema.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      problems.push(SECRET_VARIABLES.has(name) ? `${name} is not valid` : `${name} ${issue.message}`);
    }
    return disabled(problems.join('; '));
  }
  const settings = parsed.data;
  if (read('NODE_ENV') === 'production' && !settings.SHOPIFY_APP_URL.startsWith('https:')) {
    return disabled('SHOPIFY_APP_URL must be https in production');
  }
  return Object.freeze({
    enabled: true,
    apiKey: settings.SHOPIFY_API_KEY,
    apiSecret: settings.SHOPIFY_API_SECRET,
    appUrl: settings.SHOPIFY_APP_URL,
    scopes: Object.freeze(settings.SHOPIFY_SCOPES),
    apiVersion: settings.SHOPIFY_API_VERSION,
  });
}

function disabled(detail: string): ShopifyDisabled {
  return { enabled: false, reason: `Shopify app off: ${detail}.` };
}
