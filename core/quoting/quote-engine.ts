/**
 * What every checkout runs: cart -> packages per line -> groups per pickup location -> every group quoted
 * on every active connection concurrently (cache, single-flight, breaker) -> groups combined into
 * shop-level options -> the merchant's rules -> rates sorted by price.
 *
 * One deadline bounds it all. Whatever fails (platform down, deadline, revoked token, unknown SKU) yields
 * the merchant's fallback rates with the reason in the rate log: never an error, never an empty checkout
 * by accident. An empty list means only that nothing in the cart needs shipping, or the destination is
 * outside Australia (which these platforms do not serve).
 */
import { findLocality, localitiesInPostcode } from '../localities/index.js';
import type { Logger } from '../logger.js';
import { cents } from '../money.js';
import { isAuState, type Destination, type PlatformQuoteRequest } from '../platforms/freight-platform.js';
import type { TokenLifecycle } from '../tokens/token-lifecycle.js';
import { applyRules } from './apply-rules.js';
import {
  packLines,
  type DefaultBox,
  type PackagingProfile,
  type PackedGroup,
  type PickupLocation,
} from './build-packages.js';
import { combineGroups, type GroupOption, type GroupResult } from './combine-groups.js';
import type { QuoteDestination, QuoteRequest, Rate } from './quote-request.js';
import { LRUCache } from 'lru-cache';
import { DEFAULT_QUOTE_SETTINGS, type QuoteSettings, type QuoteSettingsStore } from './quote-settings.js';
import { deliveryDays, platformToday } from './delivery-days.js';
import { newRateLogId, type RateLog, type RateLogEntry } from './rate-log.js';
import type { UpstreamQuoter } from './upstream-quoter.js';

/** What the engine needs of the catalog (core/catalog implements it). */
export interface PackagingSource {
  profilesFor(
    tenant: string,
    lines: readonly { sku?: string; variantId?: string }[],
  ): Promise<ReadonlyMap<number, PackagingProfile>>;
  getDefaultBox(tenant: string): Promise<DefaultBox | undefined>;
  recordSeenAtCheckout(
    tenant: string,
    item: { sku?: string; variantId?: string; grams?: number },
  ): Promise<void>;
}

/** What the engine needs of the pickup locations (core/locations implements it). */
export interface LocationSource {
  pickupLocations(tenant: string): Promise<readonly PickupLocation[]>;
}

export interface QuoteEngineOptions {
  readonly tokens: TokenLifecycle;
  readonly packaging: PackagingSource;
  readonly locations: LocationSource;
  readonly settings: QuoteSettingsStore;
  readonly upstream: UpstreamQuoter;
  readonly rateLog: RateLog;
  readonly logger: Logger;
  readonly deadlineMs: number;
  readonly now?: () => number;
}

export interface QuoteOutcome {
  readonly rates: readonly Rate[];
  readonly source: 'live' | 'fallback' | 'none';
  readonly fallbackReason?: string;
  /** The rate-log entry, for the admin's test quote. */
  readonly log: RateLogEntry;
}

/** Platforms price Australian dollars; any other currency is never converted by guesswork. */
const PRICED_CURRENCY = 'AUD';

export interface QuoteOverrides {
  readonly deadlineMs?: number;
  readonly settings?: QuoteSettings;
  readonly record?: boolean;
}

/** After the deadline, the few ms the engine may take to combine what landed and apply the rules. */
const COMBINE_GRACE_MS = 100;

export function createQuoteEngine(options: QuoteEngineOptions) {
  const { tokens, packaging, locations, upstream, rateLog, logger } = options;
  const now = options.now ?? Date.now;
  // The settings each tenant quoted with last: fallback rates stay the merchant's own when storage fails.
  const lastSettings = new LRUCache<string, QuoteSettings>({ max: 10_000 });

  return {
    /**
     * Quotes a cart; never throws and answers by the deadline (plus a few ms to combine). `overrides.settings`
     * previews unsaved rules (the admin's live preview); `record: false` keeps previews out of the rate log.
     */
    async quote(
      tenant: string,
      request: QuoteRequest,
      overrides: QuoteOverrides = {},
    ): Promise<QuoteOutcome> {
      const started = now();
      const deadline = AbortSignal.timeout(overrides.deadlineMs ?? options.deadlineMs);
      const attempt = quoteWithin(tenant, request, overrides, deadline, started).then(
        (outcome) => ({ outcome }),
        (error: unknown) => ({ error }),
      );
      const settled = await untilDeadlinePassed(attempt, deadline, COMBINE_GRACE_MS);
      if (settled && 'outcome' in settled) return settled.outcome;
      // Storage failed or stalled (or a bug): the shopper still gets the merchant's fallback rates.
      const reason = settled
        ? `RateBridge could not prepare the quote (${settled.error instanceof Error ? settled.error.name : 'error'})`
        : 'RateBridge could not read its settings before the deadline';
      logger.error({ err: settled?.error, tenant }, 'quote failed before reaching the platforms');
      const settings = overrides.settings ?? lastSettings.get(tenant) ?? DEFAULT_QUOTE_SETTINGS;
      const rates = fallbackRates(settings);
      const log: RateLogEntry = {
        id: newRateLogId(),
        at: new Date(started).toISOString(),
        source: 'fallback',
        fallbackReason: reason,
        durationMs: now() - started,
        request: summarise(request),
        groups: [],
        upstream: [],
        rulesApplied: [],
        rates,
      };
      if (overrides.record !== false) rateLog.record(tenant, log).catch(() => undefined);
      return { rates, source: 'fallback', fallbackReason: reason, log };
    },
  };

  async function quoteWithin(
    tenant: string,
    request: QuoteRequest,
    overrides: QuoteOverrides,
    deadline: AbortSignal,
    started: number,
  ): Promise<QuoteOutcome> {
    const settings = overrides.settings ?? (await options.settings.get(tenant));
    if (!overrides.settings) lastSettings.set(tenant, settings);
    const upstreamCalls: RateLogEntry['upstream'][number][] = [];
    let groups: readonly PackedGroup[] = [];

    const finish = (outcome: {
      rates: readonly Rate[];
      source: QuoteOutcome['source'];
      fallbackReason?: string;
      rulesApplied?: readonly string[];
    }): QuoteOutcome => {
      const log: RateLogEntry = {
        id: newRateLogId(),
        at: new Date(started).toISOString(),
        source: outcome.source,
        ...(outcome.fallbackReason === undefined ? {} : { fallbackReason: outcome.fallbackReason }),
        durationMs: now() - started,
        request: summarise(request),
        groups: groups.map((group) => ({
          locationId: group.locationId,
          estimated: group.estimated,
          packages: group.packages.map(({ type, lengthCm, widthCm, heightCm, weightKg, quantity }) => ({
            type,
            lengthCm,
            widthCm,
            heightCm,
            weightKg,
            quantity,
          })),
        })),
        upstream: upstreamCalls,
        rulesApplied: outcome.rulesApplied ?? [],
        rates: outcome.rates,
      };
      // The log write must not hold up the checkout.
      if (overrides.record !== false) {
        rateLog
          .record(tenant, log)
          .catch((error: unknown) => logger.error({ err: error, tenant }, 'rate log write failed'));
      }
      if (outcome.source === 'fallback')
        logger.info({ tenant, reason: outcome.fallbackReason }, 'quote fell back');
      return {
        rates: outcome.rates,
        source: outcome.source,
        ...(outcome.fallbackReason === undefined ? {} : { fallbackReason: outcome.fallbackReason }),
        log,
      };
    };
    const fallback = (reason: string) =>
      finish({
        rates: fallbackRates(settings),
        source: 'fallback',
        fallbackReason: reason,
      });

    if (request.destination.country !== 'AU')
      return finish({ rates: [], source: 'none', fallbackReason: 'destination outside Australia' });
    if (request.lines.every((line) => !line.requiresShipping)) return finish({ rates: [], source: 'none' });
    if (request.currency !== PRICED_CURRENCY) {
      return fallback(`currency ${request.currency} cannot be priced (platforms price ${PRICED_CURRENCY})`);
    }
    const destination = resolveDestination(request.destination);
    if (!destination)
      return fallback(`destination postcode "${request.destination.postcode}" is not an Australian locality`);

    const [profiles, defaultBox, pickupLocations, usable] = await Promise.all([
      packaging.profilesFor(tenant, request.lines),
      packaging.getDefaultBox(tenant),
      locations.pickupLocations(tenant),
      tokens.usableConnections(tenant),
    ]);
    const packing = packLines(request.lines, profiles, defaultBox, pickupLocations);
    for (const index of packing.unprofiled) {
      const line = request.lines[index];
      if (line) {
        packaging
          .recordSeenAtCheckout(tenant, { sku: line.sku, variantId: line.variantId, grams: line.grams })
          .catch((error: unknown) =>
            logger.warn({ err: error, tenant }, 'recording an unprofiled SKU failed'),
          );
      }
    }
    if (!packing.ok) return fallback(packing.reason);
    groups = packing.groups;
    if (usable.length === 0) return fallback('no active freight platform connection');

    // Every (group, connection) pair at once; results are collected as they land.
    const today = platformToday(now());
    const perGroup = new Map<string, GroupOption[]>(groups.map((group) => [group.locationId, []]));
    let unauthorized = false;
    const used = new Set<string>();
    const calls = groups.flatMap((group) =>
      usable.map(async (connection) => {
        const platformRequest: PlatformQuoteRequest = {
          pickup: group.pickup,
          destination,
          delivery: settings.deliveryDefaults,
          packages: group.packages,
        };
        const { result, cache, latencyMs } = await upstream.quote(
          tenant,
          connection,
          platformRequest,
          deadline,
        );
        upstreamCalls.push({
          connectionId: connection.connection.id,
          platform: connection.platform.name,
          locationId: group.locationId,
          latencyMs,
          cache,
          outcome: result.ok ? 'ok' : result.failure.reason,
          ...(result.ok ? {} : { detail: result.failure.detail }),
          options: result.ok ? result.value.length : 0,
        });
        if (result.ok) {
          used.add(connection.connection.id);
          perGroup.get(group.locationId)?.push(
            ...result.value.map((option) => ({
              key: option.key,
              carrierId: option.carrier.id,
              carrierName: option.carrier.name,
              serviceName: option.service.name,
              totalCents: option.totalCents,
              connectionId: connection.connection.id,
              ...deliveryDays(option, today),
            })),
          );
        } else if (result.failure.reason === 'unauthorized') {
          unauthorized = true;
          tokens
            .reportUnauthorized(tenant, connection.connection.id, result.failure.detail)
            .catch((error: unknown) =>
              logger.error({ err: error, tenant }, 'reporting a revoked token failed'),
            );
        }
      }),
    );
    await untilSettledOrAborted(calls, deadline);
    // Once per connection per quote, not per (group, connection) call.
    for (const id of used) tokens.markUsed(tenant, id).catch(() => undefined);

    if (unauthorized) return fallback('a platform rejected the token (revoked or expired)');
    const results: GroupResult[] = groups.map((group) => ({
      groupId: group.locationId,
      options: visible(perGroup.get(group.locationId) ?? [], settings),
    }));
    const combination = combineGroups(results, settings);
    if (!combination.ok) {
      const timedOut = deadline.aborted ? ' before the deadline' : '';
      return fallback(`no option for the goods leaving location ${combination.uncoveredGroupId}${timedOut}`);
    }
    if (combination.options.length === 0)
      return fallback('no shipping service is common to every pickup location');
    const subtotalCents = request.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
    const ruled = applyRules(combination.options, settings, { subtotalCents, currency: request.currency });
    return finish({ rates: ruled.rates, source: 'live', rulesApplied: ruled.applied });
  }
}

export type QuoteEngine = ReturnType<typeof createQuoteEngine>;

function visible(options: readonly GroupOption[], settings: QuoteSettings): GroupOption[] {
  if (settings.hideCarriers.length === 0 && settings.hideServices.length === 0) return [...options];
  const carriers = new Set(settings.hideCarriers.map((c) => c.toLowerCase()));
  return options.filter(
    (option) =>
      !carriers.has(option.carrierName.toLowerCase()) &&
      !carriers.has(option.carrierId.toLowerCase()) &&
      !settings.hideServices.includes(option.key),
  );
}

/**
 * The merchant's fallback rates. Their prices are set in Australian dollars, so they say AUD whatever the
 * cart's currency: a price is never relabelled as another currency (Shopify's carrier-service reference:
 * a rate's `currency` is "the currency of the shipping rate").
 */
export function fallbackRates(settings: QuoteSettings): Rate[] {
  return settings.fallbackRates
    .map((rate) => ({
      code: rate.code,
      name: rate.name,
      totalCents: cents(rate.priceCents),
      currency: PRICED_CURRENCY,
      ...(rate.minDays === undefined ? {} : { minDays: rate.minDays + settings.extraHandlingDays }),
      ...(rate.maxDays === undefined ? {} : { maxDays: rate.maxDays + settings.extraHandlingDays }),
    }))
    .sort((a, b) => a.totalCents - b.totalCents);
}

/** Suburb, postcode and state the platforms need, filled from the locality data where the shop sent less. */
function resolveDestination(destination: QuoteDestination): Destination | undefined {
  const postcode = destination.postcode.replace(/\s/g, '');
  if (!/^\d{4}$/.test(postcode)) return undefined;
  const state = destination.state?.toUpperCase();
  const suburb = destination.suburb?.trim();
  if (suburb && isAuState(state) && findLocality(suburb, postcode, state)) {
    return { suburb, postcode, state };
  }
  const candidates = localitiesInPostcode(postcode);
  const named = suburb
    ? candidates.find((locality) => locality.suburb.toLowerCase() === suburb.toLowerCase())
    : undefined;
  const chosen = named ?? candidates.find((locality) => !locality.postalOnly) ?? candidates[0];
  if (!chosen) return undefined;
  return { suburb: chosen.suburb, postcode, state: chosen.state };
}

function summarise(request: QuoteRequest): RateLogEntry['request'] {
  return {
    country: request.destination.country,
    ...(request.destination.state ? { state: request.destination.state } : {}),
    postcode: request.destination.postcode,
    ...(request.destination.suburb ? { suburb: request.destination.suburb } : {}),
    currency: request.currency,
    lines: request.lines.map((line) => ({
      ...(line.sku ? { sku: line.sku } : {}),
      ...(line.variantId ? { variantId: line.variantId } : {}),
      quantity: line.quantity,
    })),
  };
}

/** The attempt's result, or undefined when it has not settled `graceMs` after the deadline fired. */
function untilDeadlinePassed<T>(
  attempt: Promise<T>,
  deadline: AbortSignal,
  graceMs: number,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => resolve(undefined), graceMs);
    };
    if (deadline.aborted) onAbort();
    else deadline.addEventListener('abort', onAbort, { once: true });
    void attempt.then((value) => {
      deadline.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Resolves when every call has finished or the deadline fires, whichever is first. */
function untilSettledOrAborted(calls: readonly Promise<unknown>[], signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.allSettled(calls).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
