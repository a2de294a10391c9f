/**
 * The core, built once from validated config: every namespace the front ends use hangs off the object this
 * returns, and its type is derived from the factory rather than written twice.
 */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createBigPostPlatform } from './platforms/bigpost/index.js';
import type { FreightPlatform } from './platforms/freight-platform.js';
import { createMachShipPlatform } from './platforms/machship/index.js';
import { createPlatformRegistry } from './platforms/registry.js';
import { createSandboxPlatform } from './platforms/sandbox/index.js';
import { loadOrCreateLocalKeyRing, type KeyRing } from './security/key-ring.js';
import { createSealer, type Sealer } from './security/seal.js';
import { rbError } from './errors.js';
import { isStoreUnavailable } from './storage/store-unavailable.js';
import { checkStoreKeys } from './security/check-store-keys.js';
import { createFingerprinter } from './security/fingerprint.js';
import { guardStore } from './storage/guarded-store.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';
import { createTokenLifecycle, type TokenLifecycleOptions } from './tokens/token-lifecycle.js';
import { createStandaloneSessions } from './admin-api/standalone-session.js';
import { createCatalog } from './catalog/packaging-catalog.js';
import { createLocations } from './locations/pickup-locations.js';
import { createQuoteEngine } from './quoting/quote-engine.js';
import { createQuoteSettingsStore } from './quoting/quote-settings.js';
import { createRateLog } from './quoting/rate-log.js';
import { createUpstreamQuoter, type UpstreamQuoterOptions } from './quoting/upstream-quoter.js';
import { meterPlatform } from './quoting/budget/meter-platform.js';
import { createPlatformBudgets, type PlatformBudgetsOptions } from './quoting/budget/platform-budgets.js';
import {
  createAlerts,
  createMailer,
  watchBudgets,
  watchTokenHealth,
  type AlertMailer,
} from './alerts/index.js';
import { createMetrics } from './metrics/metrics-registry.js';
import { observeQuotes } from './metrics/observe-quotes.js';

export interface CoreOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Tests inject a store; otherwise it is opened from config. */
  readonly store?: Store;
  /** Tests may replace the platforms (fakes speaking the real wire formats). */
  readonly platforms?: readonly FreightPlatform[];
  /** Tests tune the token lifecycle (attempt limits, clocks). */
  readonly tokens?: Partial<
    Pick<TokenLifecycleOptions, 'attemptLimit' | 'now' | 'recheckMinIntervalMs' | 'healthIntervalMs'>
  >;
  /** Tests tune the breaker. */
  readonly upstream?: Partial<Pick<UpstreamQuoterOptions, 'breakerThreshold' | 'breakerHalfOpenAfterMs'>>;
  /** Tests shorten the budgets' minute (or give them a clock). */
  readonly budgets?: Partial<Pick<PlatformBudgetsOptions, 'minuteMs' | 'now'>>;
  /** Tests set the alerts' clock; the mailer is built from config's SMTP settings unless given. */
  readonly alerts?: { readonly now?: () => number; readonly mailer?: AlertMailer };
}

export async function createCore(options: CoreOptions) {
  const { config, logger } = options;
  const keyRing = await resolveKeyRing(config, logger);
  const sealer = createSealer(keyRing);
  // Every part gets the guarded store: an outage is a coded 503 to an admin, a last copy to a checkout.
  const store: Store = guardStore(options.store ?? (await openStore(config, logger, sealer)));
  if (store.kind === 'redis') await checkRedisKeys(store, sealer, config);
  const fingerprinter = createFingerprinter(keyRing);
  const budgets = createPlatformBudgets({ store, logger, fingerprinter, ...options.budgets });
  const platforms = createPlatformRegistry(
    (options.platforms ?? platformsFromConfig(config)).map((platform) => meterPlatform(platform, budgets)),
  );
  const tokens = createTokenLifecycle({ store, sealer, fingerprinter, platforms, logger, ...options.tokens });
  const sessions = createStandaloneSessions({
    store,
    keyRing,
    publicUrl: config.publicUrl,
    loopbackAliases: config.env !== 'production',
  });
  const locations = createLocations({ store, tokens, platforms, logger });
  const catalog = createCatalog({ store, logger });
  const quoteSettings = createQuoteSettingsStore(store);
  const rateLog = createRateLog(store);
  const upstream = createUpstreamQuoter({
    store,
    cacheTtlMs: config.quote.cacheTtlMs,
    staleMs: config.quote.staleMs,
    lastKnownGoodMs: config.quote.lastKnownGoodMs,
    budgets,
    callTimeoutMs: config.platforms.timeoutMs,
    onError: (error) => logger.error({ err: error }, 'a background quote refresh failed'),
    ...options.upstream,
  });
  const alerts = createAlerts({
    store,
    logger,
    rateLog,
    mailer: options.alerts?.mailer ?? (config.alerts.mail ? createMailer(config.alerts.mail) : undefined),
    publicUrl: config.publicUrl,
    fallback: config.alerts.fallback,
    ...(options.alerts?.now ? { now: options.alerts.now } : {}),
  });
  watchTokenHealth(alerts.ctx, tokens, platforms);
  watchBudgets(alerts.ctx, budgets, tokens, platforms);
  const metrics = createMetrics({
    openIncidents: () => alerts.countOpen(),
    budgetUsage: () => Promise.resolve(budgets.usage()),
  });
  const engine = createQuoteEngine({
    tokens,
    packaging: catalog,
    locations,
    settings: quoteSettings,
    upstream,
    rateLog,
    logger,
    deadlineMs: config.quote.deadlineMs,
  });
  // Checkouts (a front end named) feed /metrics and the fallback-share alert.
  const quotes = observeQuotes(engine, [
    (tenant, frontEnd, outcome) => metrics.observeCheckout(frontEnd, outcome),
    (tenant) => alerts.noteCheckout(tenant),
  ]);

  return {
    config,
    logger,
    store,
    sealer,
    fingerprinter,
    platforms,
    tokens,
    sessions,
    locations,
    catalog,
    quoteSettings,
    rateLog,
    /** `budgets.onExhausted(listener)`: told whenever a token's budget refuses a request (alerts). */
    budgets,
    quotes,
    alerts,
    metrics,
    async close(): Promise<void> {
      await alerts.close();
      await rateLog.flush();
      await store.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;

function platformsFromConfig(config: Config): FreightPlatform[] {
  const { timeoutMs } = config.platforms;
  const platforms = [
    createMachShipPlatform({ baseUrl: config.platforms.machshipBaseUrl, timeoutMs }),
    createBigPostPlatform({
      liveBaseUrl: config.platforms.bigpostLiveUrl,
      testBaseUrl: config.platforms.bigpostTestUrl,
      timeoutMs,
    }),
  ];
  if (config.sandboxEnabled)
    platforms.push(createSandboxPlatform({ baseUrl: config.platforms.sandboxUrl, timeoutMs }));
  return platforms;
}

/** A shared Redis: this instance's keys must open what is there (one line at start when they cannot). */
async function checkRedisKeys(store: Store, sealer: Sealer, config: Config): Promise<void> {
  const where = `Redis (key prefix ${config.redisKeyPrefix})`;
  const keySource = config.keyRing ? 'RATEBRIDGE_KEYS' : `the key generated in ${config.dataDir}/keys`;
  try {
    await checkStoreKeys(store, sealer, where, keySource);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    throw rbError('RB_ERR_CONFIG', `${where} does not answer: check REDIS_URL and that Redis is running`);
  }
}

async function resolveKeyRing(config: Config, logger: Logger): Promise<KeyRing> {
  if (config.keyRing) return config.keyRing;
  const { ring, created } = await loadOrCreateLocalKeyRing(config.dataDir);
  logger.warn(
    { keyFile: `${config.dataDir}/keys`, created },
    'RATEBRIDGE_KEYS is not set: sealing with a key kept in DATA_DIR. Production must set RATEBRIDGE_KEYS.',
  );
  return ring;
}
