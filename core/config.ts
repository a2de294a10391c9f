/**
 * Configuration: the environment, validated once at start by zod, then frozen. Every problem is reported
 * in one error (so an operator fixes them all in one go), and secret values are never echoed back: only
 * the names of the keys at fault.
 *
 * Defaults make `npm start` work with no configuration on a laptop: embedded store under ./data, keys
 * generated there, the sandbox platform and the demo store on. Production (`NODE_ENV=production`) turns
 * the sandbox and demo store off by default and requires RATEBRIDGE_KEYS and PUBLIC_URL.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { rbErrorWithDetails, type RateBridgeError } from './errors.js';
import { parseKeyRing, type KeyRing } from './security/key-ring.js';
import type { RedisConnection } from './storage/redis-store.js';

/** Every variable RateBridge reads, with the README's description of it (test/readme.test.ts checks the README lists each). */
export const ENVIRONMENT_VARIABLES = {
  NODE_ENV: { default: 'development', secret: false, meaning: '`development`, `test` or `production`.' },
  PORT: { default: '3000', secret: false, meaning: 'HTTP port.' },
  HOST: { default: '127.0.0.1 (0.0.0.0 in production)', secret: false, meaning: 'Interface to listen on.' },
  PUBLIC_URL: {
    default: 'http://localhost:$PORT',
    secret: false,
    meaning: 'The URL merchants and platforms reach this app at (https in production).',
  },
  LOG_LEVEL: {
    default: 'info',
    secret: false,
    meaning: 'pino level: trace, debug, info, warn, error, fatal.',
  },
  DATA_DIR: { default: './data', secret: false, meaning: 'Embedded store and generated keys live here.' },
  REDIS_URL: {
    default: '(unset: embedded store)',
    secret: true,
    meaning: 'Redis URL (`redis://` or `rediss://`); selects the Redis store.',
  },
  REDIS_SENTINELS: {
    default: '(unset)',
    secret: false,
    meaning: 'Sentinel mode: `host:port,host:port`; needs REDIS_SENTINEL_NAME.',
  },
  REDIS_SENTINEL_NAME: { default: '(unset)', secret: false, meaning: 'Sentinel master name.' },
  REDIS_CLUSTER_NODES: { default: '(unset)', secret: false, meaning: 'Cluster mode: `host:port,host:port`.' },
  REDIS_PASSWORD: { default: '(unset)', secret: true, meaning: 'Password for Sentinel or Cluster mode.' },
  REDIS_KEY_PREFIX: { default: 'rb:', secret: false, meaning: 'Prefix of every Redis key.' },
  RATEBRIDGE_KEYS: {
    default: '(generated into DATA_DIR/keys outside production)',
    secret: true,
    meaning: 'Sealing key ring `id:base64(32 bytes),…`; the first seals, all open. Required in production.',
  },
  QUOTE_DEADLINE_MS: { default: '2500', secret: false, meaning: 'Deadline for one checkout quote.' },
  QUOTE_CACHE_TTL_SECONDS: { default: '600', secret: false, meaning: 'How long a platform quote is reused.' },
  QUOTE_STALE_SECONDS: {
    default: '600',
    secret: false,
    meaning:
      'How long past its TTL a cached quote is still served (marked stale) while one background refresh runs; 0 turns it off.',
  },
  QUOTE_LAST_KNOWN_GOOD_SECONDS: {
    default: '86400',
    secret: false,
    meaning:
      "When a token's request budget is spent: how old the last good quote for the same lane may be to price a checkout as it was (else the fallback rates); 0 turns it off.",
  },
  PLATFORM_TIMEOUT_MS: {
    default: '8000',
    secret: false,
    meaning: 'Timeout of platform calls outside checkout (token checks, searches).',
  },
  MACHSHIP_BASE_URL: { default: 'https://live.machship.com', secret: false, meaning: 'MachShip API host.' },
  BIGPOST_LIVE_URL: {
    default: 'https://api.bigpost.com.au',
    secret: false,
    meaning: 'Big Post live API host.',
  },
  BIGPOST_TEST_URL: {
    default: 'https://stagingapiv2.bigpost.com.au',
    secret: false,
    meaning: 'Big Post staging API host.',
  },
  SANDBOX_URL: {
    default: 'http://127.0.0.1:$PORT/sandbox',
    secret: false,
    meaning: 'Where the sandbox platform adapter reaches the sandbox (this process by default).',
  },
  SANDBOX_ENABLED: {
    default: 'true (false in production)',
    secret: false,
    meaning: 'Mount the sandbox freight platform at /sandbox.',
  },
  DEMO_STORE_ENABLED: {
    default: 'true (false in production)',
    secret: false,
    meaning:
      'Create the demo store and print its one-time owner sign-in link at start (never in production: people sign in by mail there).',
  },
  SHUTDOWN_GRACE_MS: {
    default: '10000',
    secret: false,
    meaning: 'How long in-flight requests get on SIGTERM.',
  },
  REQUEST_TIMEOUT_MS: {
    default: '6000',
    secret: false,
    meaning:
      'A client has this long to send a whole request (headers within 4 s), so slow senders cannot hold sockets.',
  },
  WOOCOMMERCE_ALLOW_LOCAL_STORES: {
    default: 'false',
    secret: false,
    meaning:
      'Development only: let a WooCommerce store on this machine (localhost, 127.0.0.0/8, ::1) connect. Private and other non-public addresses stay refused; refused in production.',
  },
  SMTP_HOST: {
    default: '(unset: alerts are shown in the admin only)',
    secret: false,
    meaning: 'SMTP server alert mail is sent through; needs ALERT_MAIL_FROM and ALERT_MAIL_TO.',
  },
  SMTP_PORT: { default: '587 (465 with SMTP_SECURE)', secret: false, meaning: 'SMTP port.' },
  SMTP_SECURE: {
    default: 'false',
    secret: false,
    meaning:
      'true: TLS from the first byte (port 465); false: STARTTLS when offered (required in production).',
  },
  SMTP_USER: { default: '(unset: no login)', secret: false, meaning: 'SMTP login; needs SMTP_PASSWORD.' },
  SMTP_PASSWORD: { default: '(unset)', secret: true, meaning: 'SMTP password.' },
  ALERT_MAIL_FROM: {
    default: '(unset)',
    secret: false,
    meaning: 'Sender of alert mail, e.g. `alerts@example.com`.',
  },
  ALERT_MAIL_TO: {
    default: '(unset)',
    secret: false,
    meaning: 'Who is told when an incident opens or clears: addresses separated by commas.',
  },
  ALERT_FALLBACK_SHARE: {
    default: '0.5',
    secret: false,
    meaning: 'A fallback incident opens when more than this share (0–1) of a store’s checkouts fall back…',
  },
  ALERT_FALLBACK_MINUTES: {
    default: '15',
    secret: false,
    meaning: '…for this many minutes in a row (measured over the last 5 minutes of checkouts each minute).',
  },
  ALERT_FALLBACK_MIN_QUOTES: {
    default: '10',
    secret: false,
    meaning: 'Fewer checkouts than this in the last 5 minutes say nothing about the fallback share.',
  },
  METRICS_TOKEN: {
    default: '(unset: /metrics answers 404)',
    secret: true,
    meaning: 'Bearer token Prometheus sends to GET /metrics (at least 24 characters).',
  },
  METRICS_PORT: {
    default: '(unset)',
    secret: false,
    meaning: 'Also serve /metrics without a token on this port, on 127.0.0.1 only (a private listener).',
  },
  TRUST_PROXY: {
    default: '(unset: X-Forwarded-For ignored)',
    secret: false,
    meaning:
      'The reverse proxies in front, so the client address (sign-in rate limits, logs) is read from X-Forwarded-For: a hop count (`1`) or addresses, CIDRs and `loopback`, `linklocal`, `uniquelocal`, comma-separated. Never `true`.',
  },
} as const;

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const hostPortList = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port')
          .transform((part) => {
            const [host = '', port = ''] = part.split(':');
            return { host, port: Number(port) };
          }),
      )
      .min(1),
  );

/** Express's `trust proxy` names for address ranges (proxy-addr). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const proxyAddress = z.string().refine((part) => {
  if (PROXY_RANGE_NAMES.has(part)) return true;
  const [address = '', bits, ...rest] = part.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}, 'must be an IP address, a CIDR, or loopback / linklocal / uniquelocal');

/**
 * TRUST_PROXY: which hops may set X-Forwarded-For. `true` (trust every hop) is refused: any client could
 * then name any address and walk past the per-client limits; name the proxies, or count them.
 */
const trustProxy = z.string().transform((text, context) => {
  const value = text.trim();
  if (value === '' || value === 'false' || value === '0') return false as const;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const parts = value.split(',').map((part) => part.trim());
  const parsed = z.array(proxyAddress).min(1).safeParse(parts);
  if (!parsed.success || value === 'true') {
    context.addIssue({
      code: 'custom',
      message: 'must be a hop count or a list of proxy addresses / CIDRs (never true: name the proxies)',
    });
    return z.NEVER;
  }
  return Object.freeze(parsed.data);
});

const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));
const optional = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: httpUrl.optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_SENTINELS: hostPortList.optional(),
  REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  REDIS_CLUSTER_NODES: hostPortList.optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default('rb:'),
  RATEBRIDGE_KEYS: z.string().optional(),
  QUOTE_DEADLINE_MS: z.coerce.number().int().min(200).max(9000).default(2500),
  QUOTE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  QUOTE_STALE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  QUOTE_LAST_KNOWN_GOOD_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(86_400),
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  MACHSHIP_BASE_URL: httpUrl.default('https://live.machship.com'),
  BIGPOST_LIVE_URL: httpUrl.default('https://api.bigpost.com.au'),
  BIGPOST_TEST_URL: httpUrl.default('https://stagingapiv2.bigpost.com.au'),
  SANDBOX_URL: httpUrl.optional(),
  SANDBOX_ENABLED: booleanText.optional(),
  DEMO_STORE_ENABLED: booleanText.optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(6000),
  WOOCOMMERCE_ALLOW_LOCAL_STORES: booleanText.default(false),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: booleanText.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  ALERT_MAIL_FROM: z.email().optional(),
  ALERT_MAIL_TO: z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(z.email()).min(1))
    .optional(),
  ALERT_FALLBACK_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  ALERT_FALLBACK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  ALERT_FALLBACK_MIN_QUOTES: z.coerce.number().int().min(1).max(500).default(10),
  METRICS_TOKEN: z.string().min(24).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TRUST_PROXY: trustProxy.optional(),
});

/** Where alert mail goes; undefined when SMTP_HOST is unset (incidents are then shown in the admin only). */
export interface MailSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte; otherwise STARTTLS when the server offers it (required when `requireTls`). */
  readonly secure: boolean;
  readonly requireTls: boolean;
  readonly auth: { readonly user: string; readonly password: string } | undefined;
  readonly from: string;
  readonly to: readonly string[];
}

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  /** Without a trailing slash. */
  readonly publicUrl: string;
  readonly logLevel: string;
  readonly dataDir: string;
  /** Undefined: embedded store. */
  readonly redis: RedisConnection | undefined;
  readonly redisKeyPrefix: string;
  /** Undefined outside production when RATEBRIDGE_KEYS is unset: keys are generated into DATA_DIR. */
  readonly keyRing: KeyRing | undefined;
  readonly quote: {
    readonly deadlineMs: number;
    readonly cacheTtlMs: number;
    /** An expired quote is served this long past its TTL while it is refreshed. */
    readonly staleMs: number;
    /** How old a lane's last good quote may be to price a checkout when the budget is spent. */
    readonly lastKnownGoodMs: number;
  };
  readonly platforms: {
    readonly timeoutMs: number;
    readonly machshipBaseUrl: string;
    readonly bigpostLiveUrl: string;
    readonly bigpostTestUrl: string;
    readonly sandboxUrl: string;
  };
  readonly sandboxEnabled: boolean;
  readonly demoStoreEnabled: boolean;
  readonly shutdownGraceMs: number;
  /** Whole-request bound; headers get min(4 s, this). */
  readonly requestTimeoutMs: number;
  /** Store URLs on loopback may connect (development only). */
  readonly allowLocalStores: boolean;
  readonly alerts: {
    readonly mail: MailSettings | undefined;
    /** A fallback share above `share` of at least `minQuotes` checkouts, sustained for `sustainMs`. */
    readonly fallback: { readonly share: number; readonly sustainMs: number; readonly minQuotes: number };
  };
  /**
   * Express's `trust proxy`: false (the socket's address is the client), a hop count, or the proxies'
   * addresses and ranges (docs/deploy.md, "Behind a reverse proxy").
   */
  readonly trustProxy: false | number | readonly string[];
  /** GET /metrics: behind `token` (undefined: 404), and/or on a private listener at `port`. */
  readonly metrics: { readonly token: string | undefined; readonly port: number | undefined };
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration; throws one RB_ERR_CONFIG listing every problem. */
export function loadConfig(environment: Environment = process.env): Config {
  const input = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, optional(environment[name])]),
  );
  const parsed = schema.safeParse(input);
  // The checks across keys read the raw text, so they are reported alongside any invalid key.
  const crossKey = crossKeyChecks(input as Record<string, string | undefined>);
  const problems = [...(parsed.success ? [] : schemaProblems(parsed.error)), ...crossKey.problems];
  if (!parsed.success || problems.length > 0) throw configError(problems);
  return deepFreeze(toConfig(parsed.data, crossKey.keyRing));
}

type ParsedEnvironment = z.infer<typeof schema>;

function schemaProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const secret =
      name in ENVIRONMENT_VARIABLES &&
      ENVIRONMENT_VARIABLES[name as keyof typeof ENVIRONMENT_VARIABLES].secret;
    // zod messages can quote the input; for secrets only the key name is safe to print.
    return secret ? `${name} is not valid` : `${name}: ${issue.message}`;
  });
}

/** Rules that span keys (production requirements, one Redis mode) and the key ring, which parses itself. */
function crossKeyChecks(raw: Record<string, string | undefined>): {
  problems: string[];
  keyRing: KeyRing | undefined;
} {
  const problems: string[] = [];
  const production = raw.NODE_ENV === 'production';
  let keyRing: KeyRing | undefined;
  if (raw.RATEBRIDGE_KEYS !== undefined) {
    const ring = parseKeyRing(raw.RATEBRIDGE_KEYS);
    if (ring.ok) keyRing = ring.ring;
    else problems.push(`RATEBRIDGE_KEYS ${ring.problem}`);
  } else if (production) {
    problems.push('RATEBRIDGE_KEYS is required in production (generate one: see README, "Keys")');
  }
  if (production && raw.PUBLIC_URL === undefined) problems.push('PUBLIC_URL is required in production');
  if (production && raw.PUBLIC_URL?.startsWith('http:'))
    problems.push('PUBLIC_URL must be https in production');
  if (production && ['true', '1', 'yes'].includes(raw.WOOCOMMERCE_ALLOW_LOCAL_STORES ?? ''))
    problems.push('WOOCOMMERCE_ALLOW_LOCAL_STORES cannot be on in production');

  const redisModes = [raw.REDIS_URL, raw.REDIS_SENTINELS, raw.REDIS_CLUSTER_NODES].filter(
    (v) => v !== undefined,
  );
  if (redisModes.length > 1) {
    problems.push('set only one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES');
  }
  if (raw.REDIS_SENTINELS !== undefined && raw.REDIS_SENTINEL_NAME === undefined) {
    problems.push('REDIS_SENTINEL_NAME is required with REDIS_SENTINELS');
  }
  problems.push(...mailProblems(raw));
  return { problems, keyRing };
}

function redisConnection(env: ParsedEnvironment): RedisConnection | undefined {
  const password = env.REDIS_PASSWORD === undefined ? {} : { password: env.REDIS_PASSWORD };
  if (env.REDIS_URL !== undefined) return { mode: 'standalone', url: env.REDIS_URL };
  if (env.REDIS_SENTINELS !== undefined) {
    return {
      mode: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME as string,
      ...password,
    };
  }
  if (env.REDIS_CLUSTER_NODES !== undefined) {
    return { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...password };
  }
  return undefined;
}

function toConfig(env: ParsedEnvironment, keyRing: KeyRing | undefined): Config {
  const production = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    redis: redisConnection(env),
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    keyRing,
    quote: {
      deadlineMs: env.QUOTE_DEADLINE_MS,
      cacheTtlMs: env.QUOTE_CACHE_TTL_SECONDS * 1000,
      staleMs: env.QUOTE_STALE_SECONDS * 1000,
      lastKnownGoodMs: env.QUOTE_LAST_KNOWN_GOOD_SECONDS * 1000,
    },
    platforms: {
      timeoutMs: env.PLATFORM_TIMEOUT_MS,
      machshipBaseUrl: env.MACHSHIP_BASE_URL,
      bigpostLiveUrl: env.BIGPOST_LIVE_URL,
      bigpostTestUrl: env.BIGPOST_TEST_URL,
      sandboxUrl: env.SANDBOX_URL ?? `http://127.0.0.1:${env.PORT}/sandbox`,
    },
    sandboxEnabled: env.SANDBOX_ENABLED ?? !production,
    demoStoreEnabled: env.DEMO_STORE_ENABLED ?? !production,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    allowLocalStores: env.WOOCOMMERCE_ALLOW_LOCAL_STORES,
    alerts: {
      mail: mailSettings(env, production),
      fallback: {
        share: env.ALERT_FALLBACK_SHARE,
        sustainMs: env.ALERT_FALLBACK_MINUTES * 60_000,
        minQuotes: env.ALERT_FALLBACK_MIN_QUOTES,
      },
    },
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
    trustProxy: env.TRUST_PROXY ?? false,
  };
}

/** SMTP settings come as a set: a host needs a sender and recipients, a user needs a password. */
function mailProblems(raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (raw.SMTP_HOST !== undefined) {
    if (raw.ALERT_MAIL_FROM === undefined) problems.push('ALERT_MAIL_FROM is required with SMTP_HOST');
    if (raw.ALERT_MAIL_TO === undefined) problems.push('ALERT_MAIL_TO is required with SMTP_HOST');
  }
  if ((raw.SMTP_USER === undefined) !== (raw.SMTP_PASSWORD === undefined))
    problems.push('SMTP_USER and SMTP_PASSWORD are set together or not at all');
  return problems;
}

function mailSettings(env: z.output<typeof schema>, production: boolean): MailSettings | undefined {
  if (env.SMTP_HOST === undefined || env.ALERT_MAIL_FROM === undefined || env.ALERT_MAIL_TO === undefined)
    return undefined;
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? (env.SMTP_SECURE ? 465 : 587),
    secure: env.SMTP_SECURE,
    // Alert mail names a shop and what broke: in production it never crosses the network in clear.
    requireTls: production && !env.SMTP_SECURE,
    auth:
      env.SMTP_USER === undefined || env.SMTP_PASSWORD === undefined
        ? undefined
        : { user: env.SMTP_USER, password: env.SMTP_PASSWORD },
    from: env.ALERT_MAIL_FROM,
    to: env.ALERT_MAIL_TO,
  };
}

function configError(problems: readonly string[]): RateBridgeError {
  const details = problems.map((message) => ({ path: message.split(/[: ]/)[0] ?? '', message }));
  return rbErrorWithDetails('RB_ERR_CONFIG', details, problems.join('; '));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const field of Object.values(value)) deepFreeze(field);
    if (value instanceof Map) for (const field of value.values()) deepFreeze(field);
  }
  return value;
}
