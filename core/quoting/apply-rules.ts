/**
 * The merchant's rules, applied to combined options in a fixed, documented order: markup (percent, then
 * flat) -> handling fee -> free shipping -> rounding -> rename -> sort by price -> at most N -> handling days.
 * All arithmetic is on integer cents; percentages are taken in basis points and rounded half up once.
 */
import { cents, type Cents } from '../money.js';
import type { CombinedOption } from './combine-groups.js';
import type { Rate } from './quote-request.js';
import type { QuoteSettings } from './quote-settings.js';

export interface RulesOutcome {
  readonly rates: readonly Rate[];
  /** What changed the prices or the list, for the rate log. */
  readonly applied: readonly string[];
}

export function applyRules(
  options: readonly CombinedOption[],
  settings: QuoteSettings,
  context: { readonly subtotalCents: number; readonly currency: string },
): RulesOutcome {
  const applied = new Set<string>();
  const basisPoints = Math.round(settings.markupPercent * 100);

  let priced = options.map((option) => {
    let total: number = option.totalCents;
    if (basisPoints !== 0) {
      total += roundHalfUp((total * basisPoints) / 10_000);
      applied.add(`markup ${settings.markupPercent}%`);
    }
    if (settings.markupFlatCents > 0) {
      total += settings.markupFlatCents;
      applied.add(`markup +${settings.markupFlatCents}c`);
    }
    if (settings.handlingFeeCents > 0) {
      total += settings.handlingFeeCents;
      applied.add(`handling fee ${settings.handlingFeeCents}c`);
    }
    return { option, total: Math.max(0, total) };
  });

  const free = settings.freeShipping;
  if (free && context.subtotalCents >= free.thresholdCents && priced.length > 0) {
    const target =
      free.appliesTo === 'cheapest'
        ? priced.reduce((best, entry) => (entry.total < best.total ? entry : best))
        : priced.find((entry) => entry.option.code === free.appliesTo);
    if (target) {
      target.total = 0;
      applied.add(`free shipping over ${free.thresholdCents}c`);
    }
  }

  if (settings.rounding !== 'none') {
    priced = priced.map((entry) => ({ ...entry, total: round(entry.total, settings.rounding) }));
    applied.add(`rounding ${settings.rounding}`);
  }

  const rates: Rate[] = priced
    .map(({ option, total }) => {
      const renamed = settings.rename[option.code];
      if (renamed) applied.add(`rename ${option.code}`);
      const pad = settings.extraHandlingDays;
      return {
        code: option.code,
        name: renamed ?? option.name,
        totalCents: cents(total) as Cents,
        currency: context.currency,
        ...(option.minDays === undefined ? {} : { minDays: option.minDays + pad }),
        ...(option.maxDays === undefined ? {} : { maxDays: option.maxDays + pad }),
        // The dates already hold the padding (as handling days at the location: delivery-dates/).
        ...(option.minDate === undefined ? {} : { minDate: option.minDate }),
        ...(option.maxDate === undefined ? {} : { maxDate: option.maxDate }),
      };
    })
    .sort((a, b) => a.totalCents - b.totalCents || a.name.localeCompare(b.name));
  if (settings.extraHandlingDays > 0) applied.add(`+${settings.extraHandlingDays} handling days`);
  if (rates.length > settings.maxRates) applied.add(`at most ${settings.maxRates} rates`);
  return { rates: rates.slice(0, settings.maxRates), applied: [...applied] };
}

function roundHalfUp(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
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
