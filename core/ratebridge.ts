/**
 * The core, built once from validated config: every namespace the front ends use hangs off the object this
 * returns, and its type is derived from the factory rather than written twice.
 */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { FreightPlatform } from './platforms/freight-platform.js';
import { createPlatformRegistry } from './platforms/registry.js';
import type { Store } from './storage/store.js';
import type { KeyRing } from './security/key-ring.js';
import { createTokenLifecycle, type TokenLifecycleOptions } from './tokens/token-lifecycle.js';
import { createStandaloneSessions } from './admin-api/standalone-session.js';
import { createMailer } from './alerts/notify-by-mail.js';
import { createPeopleService } from './people/people-service.js';
import { createCatalog } from './catalog/packaging-catalog.js';
import { createLocations } from './locations/pickup-locations.js';
import type { PackingMemo } from './quoting/packing/packing-memo.js';
import { createAnswerMemo, type AnswerMemo } from './quoting/answer-memo.js';
import { createQuoteEngine } from './quoting/quote-engine.js';
import { createQuoteSettingsStore } from './quoting/quote-settings.js';
import { createRateLog } from './quoting/rate-log.js';
import { meterPlatform } from './quoting/budget/meter-platform.js';
import { createPlatformBudgets, type PlatformBudgetsOptions } from './quoting/budget/platform-budgets.js';
import { createMetrics } from './metrics/metrics-registry.js';
import { observeQuotes } from './metrics/observe-quotes.js';
import { openSecuredStore } from './open-secured-store.js';
import { platformsFromConfig } from './platforms-from-config.js';
import { startAlerts, type AlertsOverrides } from './start-alerts.js';
import { upstreamFromConfig, type UpstreamOverrides } from './upstream-from-config.js';

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
  readonly upstream?: UpstreamOverrides;
  /** Tests shorten the budgets' minute (or give them a clock). */
  readonly budgets?: Partial<Pick<PlatformBudgetsOptions, 'minuteMs' | 'now'>>;
  readonly alerts?: AlertsOverrides;
  /**
   * Tests pin the quote engine's clock (delivery dates are computed from it), or hand it a packing memo
   * (to count the packer's calls).
   */
  readonly quoting?: { readonly now?: () => number; readonly packingMemo?: PackingMemo };
}

export async function createCore(options: CoreOptions) {
  const { config, logger } = options;
  const { keyRing, sealer, store, fingerprinter } = await openSecuredStore(config, logger, options.store);
  const budgets = createPlatformBudgets({ store, logger, fingerprinter, ...options.budgets });
  const platforms = createPlatformRegistry(
    (options.platforms ?? platformsFromConfig(config, logger)).map((platform) =>
      meterPlatform(platform, budgets),
    ),
  );
  const tokens = createTokenLifecycle({ store, sealer, fingerprinter, platforms, logger, ...options.tokens });
  const { people, sessions } = peopleAndSessions(options, store, keyRing);
  const locations = createLocations({ store, tokens, platforms, logger });
  const catalog = createCatalog({ store, logger });
  const quoteSettings = createQuoteSettingsStore(store);
  const rateLog = createRateLog(store);
  const alerts = startAlerts({ config, store, logger, rateLog, tokens, platforms, budgets }, options.alerts);
  const metrics = createMetrics({
    openIncidents: () => alerts.countOpen(),
    budgetUsage: () => Promise.resolve(budgets.usage()),
  });
  const engine = createQuoteEngine({
    tokens,
    packaging: catalog,
    locations,
    settings: quoteSettings,
    upstream: upstreamFromConfig(config, { store, budgets, logger }, options.upstream),
    ...{ rateLog, logger, deadlineMs: config.quote.deadlineMs },
    ...answerMemoFor(store, config),
    // A pinned clock, a packing memo: exactly the engine options of the same names.
    ...options.quoting,
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
    /** People of standalone stores, invitations, sign-in mail, and every store's activity trail. */
    people,
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

/** The same cart within a second answered once (quoting/answer-memo.ts), where the store counts its writes. */
function answerMemoFor(store: Store, config: Config): { answerMemo?: AnswerMemo } {
  const { writeGeneration } = store;
  if (!writeGeneration) return {};
  return {
    answerMemo: createAnswerMemo({
      generation: (tenant) => writeGeneration.call(store, tenant),
      cacheTtlMs: config.quote.cacheTtlMs,
    }),
  };
}

/** People of standalone stores (their mail goes the alerts' way) and the sessions that read them. */
function peopleAndSessions(options: CoreOptions, store: Store, keyRing: KeyRing) {
  const { config, logger } = options;
  const mail = config.alerts.mail;
  const people = createPeopleService({
    store,
    logger,
    publicUrl: config.publicUrl,
    mailer: options.alerts?.mailer ?? (mail ? createMailer(mail) : undefined),
  });
  const sessions = createStandaloneSessions({
    store,
    keyRing,
    people: people.people,
    activity: people.activity,
    ...sessionOrigins(config),
  });
  return { people, sessions };
}

/** Where sign-in links point, and whether localhost's other names count as ours (development only). */
function sessionOrigins(config: Config) {
  return { publicUrl: config.publicUrl, loopbackAliases: config.env !== 'production' };
}
