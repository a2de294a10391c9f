/**
 * The metrics RateBridge exposes at GET /metrics (docs/deploy.md, "Metrics"), in one prom-client registry
 * per core (so two cores in one process, as in tests, never share counts):
 *
 *   ratebridge_checkout_duration_seconds{front_end}        histogram: one checkout's answer time
 *   ratebridge_checkouts_total{front_end,outcome}          live, cached, stale, last-known-good, fallback, none
 *   ratebridge_platform_calls_total{platform,outcome}      calls that reached a platform: ok or the failure kind
 *   ratebridge_platform_failures_total{platform,kind}      the failures among them, by kind
 *   ratebridge_platform_budget_used_ratio{platform,window} share of the outbound budget used (when budgets exist)
 *   ratebridge_incidents_open{kind}                        open incidents across every store
 *
 * plus prom-client's default process metrics (CPU, memory, event loop lag). Labels come from bounded sets
 * (front ends, outcomes, platform names, failure reasons): never a tenant, a postcode or a token.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FAILURE_REASONS } from '../platforms/freight-platform.js';
import { PLATFORM_NAMES } from '../wire/vocabulary.js';
import type { QuoteOutcome } from '../quoting/quote-engine.js';
import { checkoutOutcome } from './checkout-outcome.js';

export const FRONT_ENDS = ['shopify', 'woocommerce'] as const;
export type FrontEnd = (typeof FRONT_ENDS)[number];

/** What the outbound budget reports for the gauge: used and allowed calls per platform and window. */
export interface BudgetUsage {
  readonly platform: string;
  readonly window: 'minute' | 'day';
  readonly used: number;
  readonly limit: number;
}

export interface MetricsSources {
  readonly openIncidents: () => Promise<Readonly<Record<string, number>>>;
  /** Absent until outbound budgets exist: the gauge then has no samples. */
  readonly budgetUsage?: () => Promise<readonly BudgetUsage[]>;
}

const KNOWN_PLATFORMS: ReadonlySet<string> = new Set(PLATFORM_NAMES);
const KNOWN_FAILURES: ReadonlySet<string> = new Set(FAILURE_REASONS);

export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'ratebridge_checkout_duration_seconds',
    help: 'Time to answer one checkout quote, by front end.',
    labelNames: ['front_end'],
    // Shopify gives a carrier service 3 s at most (our deadline is 2.5 s by default).
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5],
    registers: [registry],
  });
  const checkouts = new Counter({
    name: 'ratebridge_checkouts_total',
    help: 'Checkout quotes answered, by front end and how they were answered.',
    labelNames: ['front_end', 'outcome'],
    registers: [registry],
  });
  const calls = new Counter({
    name: 'ratebridge_platform_calls_total',
    help: 'Quote calls that reached a freight platform, by platform and outcome (ok or the failure kind).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'ratebridge_platform_failures_total',
    help: 'Failed freight platform quote calls, by platform and kind of failure.',
    labelNames: ['platform', 'kind'],
    registers: [registry],
  });
  defineCollectedGauges(registry, sources);
  // Each labelled series looked up once: prom-client hashes the label object on every observe and inc,
  // twice a checkout on the checkout's own turn (both front ends, a handful of outcomes: a few series).
  const durations = seriesCache<ReturnType<typeof duration.labels>>();
  const checkoutCounts = seriesCache<ReturnType<typeof checkouts.labels>>();

  return {
    registry,
    /** Counts one checkout answered through `frontEnd`. */
    observeCheckout(frontEnd: FrontEnd, outcome: QuoteOutcome): void {
      durations(frontEnd, () => duration.labels({ front_end: frontEnd })).observe(
        outcome.log.durationMs / 1000,
      );
      const kind = checkoutOutcome(outcome);
      checkoutCounts(`${frontEnd}|${kind}`, () =>
        checkouts.labels({ front_end: frontEnd, outcome: kind }),
      ).inc();
      // A hit or a shared flight made no call of its own.
      for (const call of outcome.log.upstream.filter((entry) => entry.cache === 'miss')) {
        const platform = KNOWN_PLATFORMS.has(call.platform) ? call.platform : 'other';
        const result = call.outcome === 'ok' || KNOWN_FAILURES.has(call.outcome) ? call.outcome : 'other';
        calls.inc({ platform, outcome: result });
        if (result !== 'ok') failures.inc({ platform, kind: result });
      }
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The gauges read at scrape time, from the store (incidents) and the budget (when there is one). */
function defineCollectedGauges(registry: Registry, sources: MetricsSources): void {
  new Gauge({
    name: 'ratebridge_incidents_open',
    help: 'Open incidents across every store, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [kind, count] of Object.entries(await sources.openIncidents())) this.set({ kind }, count);
    },
  });
  new Gauge({
    name: 'ratebridge_platform_budget_used_ratio',
    help: 'Share of the outbound call budget used, by platform and window (the busiest connection).',
    labelNames: ['platform', 'window'],
    registers: [registry],
    async collect() {
      this.reset();
      const usage = (await sources.budgetUsage?.()) ?? [];
      const busiest = new Map<string, number>();
      for (const { platform, window, used, limit } of usage) {
        const key = `${platform}|${window}`;
        busiest.set(key, Math.max(busiest.get(key) ?? 0, limit > 0 ? used / limit : 0));
      }
      for (const [key, ratio] of busiest) {
        const [platform = '', window = ''] = key.split('|');
        this.set({ platform, window }, ratio);
      }
    },
  });
}

/** A labelled series per key, made on first use. */
function seriesCache<S>(): (key: string, make: () => S) => S {
  const series = new Map<string, S>();
  return (key, make) => {
    let found = series.get(key);
    if (found === undefined) series.set(key, (found = make()));
    return found;
  };
}
