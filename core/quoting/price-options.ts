import { applyRules, isDepotRate } from './apply-rules.js';
import { combineGroups, type CombinedOption, type GroupOption, type GroupResult } from './combine-groups.js';
import type { QuoteOutcome } from './engine-dependencies.js';
import { fallBack, finishQuote } from './finish-quote.js';
import type { GroupQuotes } from './quote-groups.js';
import type { QuoteSettings } from './quote-settings.js';
import type { EngineContext, QuoteRun } from './quote-run.js';

/** What landed, combined into shop-level options and put through the merchant's rules. */
export function priceOptions(ctx: EngineContext, run: QuoteRun, quotes: GroupQuotes): QuoteOutcome {
  const { settings, request } = run;
  if (quotes.unauthorized) return fallBack(ctx, run, 'a platform rejected the token (revoked or expired)');
  const results: GroupResult[] = run.groups.map((group) => ({
    groupId: group.locationId,
    options: visible(quotes.perGroup.get(group.locationId) ?? [], settings).filter((o) => !isDepot(o)),
  }));
  const combination = combineGroups(results, settings);
  if (!combination.ok) {
    const timedOut = run.deadline.aborted ? ' before the deadline' : '';
    return fallBack(
      ctx,
      run,
      `no option for the goods leaving location ${combination.uncoveredGroupId}${timedOut}`,
    );
  }
  if (combination.options.length === 0)
    return fallBack(ctx, run, 'no shipping service is common to every pickup location');
  const subtotalCents = request.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  const options = [...combination.options, ...depotOptions(run, quotes, settings)];
  const ruled = applyRules(options, settings, {
    subtotalCents,
    currency: request.currency,
    destination: request.destination,
    ...(request.delivery?.depot ? { chosenDepot: request.delivery.depot } : {}),
  });
  return finishQuote(ctx, run, { rates: ruled.rates, source: 'live', rulesApplied: ruled.applied });
}

/** Depot collection rates (`depot:<platform>:<id>`) are their own rates, whatever the strategy. */
const isDepot = (option: GroupOption): boolean => isDepotRate(option.key);

/** Each depot every group can be collected from, as one rate: a cart cannot be collected in halves. */
function depotOptions(run: QuoteRun, quotes: GroupQuotes, settings: QuoteSettings): CombinedOption[] {
  if (!settings.deliveryOptions.depotCollection.offer) return [];
  const results: GroupResult[] = run.groups.map((group) => ({
    groupId: group.locationId,
    options: visible(quotes.perGroup.get(group.locationId) ?? [], settings).filter(isDepot),
  }));
  const combined = combineGroups(results, {
    ...settings,
    strategy: 'common_services',
    cheapestWhenNoCommonService: false,
  });
  return combined.ok ? [...combined.options] : [];
}

/** The merchant's hidden carriers and services left out. */
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
