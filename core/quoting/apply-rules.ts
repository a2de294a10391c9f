/**
 * The merchant's rules, applied to combined options in a fixed, documented order: markup (percent, then
 * flat) -> handling fee -> free shipping -> postcode rules (first match per rate) -> rounding (of the price
 * as shown) -> rename -> sort by price -> at most N -> handling days.
 *
 * Depot collection rates (code `depot:<platform>:<id>`) are a list of their own: `maxRates` and the
 * `cheapest` free shipping count only the delivered rates (a depot is usually cheapest, and would
 * otherwise crowd home delivery out and take the free shipping the merchant meant for delivery), the
 * depots are capped by `deliveryOptions.depotCollection.maxDepots` and listed after the delivered rates.
 * Markup, fees, postcode rules (a rule is about the buyer's destination, and the depots offered are the
 * ones nearest it: a `hide` for a zone hides its depot rates too), rounding and renames apply to both.
 *
 * Prices are carried as the platform split them (GST-inclusive cents and the GST inside: gst-price.ts),
 * and the merchant's amounts are GST-inclusive; each rate leaves with `totalCents` as the store shows
 * prices (`gst.display`) and its GST beside it. All arithmetic is on integer cents; percentages are taken
 * in basis points and rounded half up once.
 */
import type { CombinedOption } from './combine-groups.js';
import {
  addInclusive,
  platformPrice,
  rateMoney,
  scale,
  setInclusive,
  shown,
  withShown,
  type GstPrice,
} from './gst-price.js';
import { applyAction, describeRule, firstMatch, placeFacts, type Destination } from './postcode-rules.js';
import type { Rate } from './quote-request.js';
import type { QuoteSettings } from './quote-settings.js';

export interface RulesOutcome {
  readonly rates: readonly Rate[];
  /** What changed the prices or the list, for the rate log. */
  readonly applied: readonly string[];
}

export interface RulesContext {
  readonly subtotalCents: number;
  readonly currency: string;
  /** Where the goods go; without it no postcode rule applies. */
  readonly destination?: Destination;
  /** The depot the buyer chose (`<platform>:<id>`): its rate stays listed beyond `maxDepots`. */
  readonly chosenDepot?: string;
}

interface Priced {
  readonly option: CombinedOption;
  price: GstPrice;
}

export function applyRules(
  options: readonly CombinedOption[],
  settings: QuoteSettings,
  context: RulesContext,
): RulesOutcome {
  const applied = new Set<string>();
  const display = settings.gst.display;
  const marked = options.map((option) => ({
    option,
    price: markUp(platformPrice(option.totalCents, option.taxCents), settings, applied),
  }));
  freeShipping(marked, settings, context.subtotalCents, applied);
  let priced = destinationRules(marked, settings, context.destination, applied);

  if (settings.rounding !== 'none') {
    priced = priced.map((entry) => ({
      ...entry,
      price: withShown(entry.price, display, round(shown(entry.price, display), settings.rounding)),
    }));
    applied.add(`rounding ${settings.rounding}`);
  }
  if (display === 'exclusive') applied.add('prices shown ex GST');

  const rates = priced.map(({ option, price }) => toRate(option, price, settings, context, applied));
  if (settings.extraHandlingDays > 0) applied.add(`+${settings.extraHandlingDays} handling days`);
  return { rates: capped(rates, settings, context.chosenDepot, applied), applied: [...applied] };
}

/** A depot collection rate: listed and capped apart from the delivered rates. */
export const isDepotRate = (code: string): boolean => code.startsWith('depot:');

const byPrice = (a: Rate, b: Rate): number => a.totalCents - b.totalCents || a.name.localeCompare(b.name);

/**
 * The delivered rates by price, at most `maxRates`; then the depot rates by price, at most `maxDepots`,
 * plus the depot the buyer chose when it is not among them (as the adapters price it: a chosen rate that
 * vanished from the list would silently switch the buyer's choice).
 */
function capped(
  rates: readonly Rate[],
  settings: QuoteSettings,
  chosenDepot: string | undefined,
  applied: Set<string>,
): Rate[] {
  const delivered = rates.filter((rate) => !isDepotRate(rate.code)).sort(byPrice);
  const depots = rates.filter((rate) => isDepotRate(rate.code)).sort(byPrice);
  const { maxDepots } = settings.deliveryOptions.depotCollection;
  const chosen = chosenDepot === undefined ? undefined : `depot:${chosenDepot}`;
  const kept = depots.filter((rate, index) => index < maxDepots || rate.code === chosen);
  if (delivered.length > settings.maxRates) applied.add(`at most ${settings.maxRates} rates`);
  if (kept.length < depots.length) applied.add(`at most ${maxDepots} depots`);
  return [...delivered.slice(0, settings.maxRates), ...kept];
}

function toRate(
  option: CombinedOption,
  price: GstPrice,
  settings: QuoteSettings,
  context: RulesContext,
  applied: Set<string>,
): Rate {
  const renamed = settings.rename[option.code];
  if (renamed) applied.add(`rename ${option.code}`);
  const pad = settings.extraHandlingDays;
  return {
    code: option.code,
    name: renamed ?? option.name,
    ...rateMoney(price, settings.gst.display),
    currency: context.currency,
    ...(option.minDays === undefined ? {} : { minDays: option.minDays + pad }),
    ...(option.maxDays === undefined ? {} : { maxDays: option.maxDays + pad }),
    // The dates already hold the padding (as handling days at the location: delivery-dates/).
    ...(option.minDate === undefined ? {} : { minDate: option.minDate }),
    ...(option.maxDate === undefined ? {} : { maxDate: option.maxDate }),
  };
}

function markUp(start: GstPrice, settings: QuoteSettings, applied: Set<string>): GstPrice {
  let price = start;
  const basisPoints = Math.round(settings.markupPercent * 100);
  if (basisPoints !== 0) {
    price = scale(price, basisPoints);
    applied.add(`markup ${settings.markupPercent}%`);
  }
  if (settings.markupFlatCents > 0) {
    price = addInclusive(price, settings.markupFlatCents);
    applied.add(`markup +${settings.markupFlatCents}c`);
  }
  if (settings.handlingFeeCents > 0) {
    price = addInclusive(price, settings.handlingFeeCents);
    applied.add(`handling fee ${settings.handlingFeeCents}c`);
  }
  return price;
}

function freeShipping(priced: Priced[], settings: QuoteSettings, subtotal: number, applied: Set<string>) {
  const free = settings.freeShipping;
  if (!free || subtotal < free.thresholdCents || priced.length === 0) return;
  const target =
    free.appliesTo === 'cheapest'
      ? cheapestDelivered(priced)
      : priced.find((entry) => entry.option.code === free.appliesTo);
  if (!target) return;
  target.price = setInclusive(target.price, 0);
  applied.add(`free shipping over ${free.thresholdCents}c`);
}

/** The cheapest rate that is delivered: free shipping is a delivery offer, not a free depot collection. */
function cheapestDelivered(priced: readonly Priced[]): Priced | undefined {
  const delivered = priced.filter((entry) => !isDepotRate(entry.option.code));
  if (delivered.length === 0) return undefined;
  return delivered.reduce((best, entry) => (entry.price.inc < best.price.inc ? entry : best));
}

/** Each rate through the first postcode rule that matches it; hidden rates leave the list. */
function destinationRules(
  priced: readonly Priced[],
  settings: QuoteSettings,
  destination: Destination | undefined,
  applied: Set<string>,
): Priced[] {
  if (settings.postcodeRules.length === 0) return [...priced];
  const place = placeFacts(destination);
  return priced.flatMap((entry) => {
    const index = firstMatch(settings.postcodeRules, place, entry.option.code);
    const rule = settings.postcodeRules[index];
    if (rule === undefined) return [entry];
    applied.add(describeRule(rule, index));
    const price = applyAction(rule, entry.price);
    return price === undefined ? [] : [{ ...entry, price }];
  });
}

function round(total: number, mode: QuoteSettings['rounding']): number {
  if (total === 0) return 0; // free stays free
  switch (mode) {
    case 'none':
      return total;
    case 'up_to_dollar':
      return Math.ceil(total / 100) * 100;
    case 'to_95':
    case 'to_99': {
      const ending = mode === 'to_95' ? 95 : 99;
      const candidate = Math.floor(total / 100) * 100 + ending;
      return candidate >= total ? candidate : candidate + 100;
    }
  }
}
