/**
 * The rules form holds what the merchant types (dollars, comma lists, empty fields); the API holds cents,
 * arrays and nulls. These two functions convert, and the second says which field is wrong and why, keyed
 * by the API's field paths so server-side messages land on the same fields.
 */
import type {
  DeliveryOptionsSettings,
  FallbackRate,
  QuoteSettings,
  Rounding,
  Strategy,
} from '../../../core/wire/admin-api-types';
import type { GstDisplay } from '../../../core/wire/vocabulary';
import { parseDecimal } from '../format/parse-decimal';
import { readPostcodeRules, toPostcodeRows, type PostcodeRuleRow } from './rules/postcode-rules-form';
import { centsToDecimalString, typedDollarsToCents } from '../../../core/money';

export interface RulesForm {
  strategy: Strategy;
  cheapestWhenNoCommonService: boolean;
  cheapestName: string;
  fastestName: string;
  markupPercent: string;
  markupFlat: string;
  handlingFee: string;
  freeShippingOn: boolean;
  freeThreshold: string;
  freeAppliesTo: string;
  rounding: Rounding;
  rename: { code: string; name: string }[];
  hideCarriers: string;
  hideServices: string;
  maxRates: string;
  extraHandlingDays: string;
  /** How each delivery option is known; the two numbers are typed in `tailLiftOverKg` and `maxDepots`. */
  deliveryOptions: DeliveryOptionsSettings;
  tailLiftOverKg: string;
  maxDepots: string;
  fallbackRates: { code: string; name: string; price: string; minDays: string; maxDays: string }[];
  gstDisplay: GstDisplay;
  postcodeRules: PostcodeRuleRow[];
}

export function toForm(rules: QuoteSettings): RulesForm {
  return {
    strategy: rules.strategy,
    cheapestWhenNoCommonService: rules.cheapestWhenNoCommonService,
    cheapestName: rules.cheapestName,
    fastestName: rules.fastestName,
    markupPercent: String(rules.markupPercent),
    markupFlat: centsToDecimalString(rules.markupFlatCents),
    handlingFee: centsToDecimalString(rules.handlingFeeCents),
    freeShippingOn: rules.freeShipping !== null,
    freeThreshold: rules.freeShipping ? centsToDecimalString(rules.freeShipping.thresholdCents) : '',
    freeAppliesTo: rules.freeShipping?.appliesTo ?? 'cheapest',
    rounding: rules.rounding,
    rename: Object.entries(rules.rename).map(([code, name]) => ({ code, name })),
    hideCarriers: rules.hideCarriers.join(', '),
    hideServices: rules.hideServices.join(', '),
    maxRates: String(rules.maxRates),
    extraHandlingDays: String(rules.extraHandlingDays),
    deliveryOptions: rules.deliveryOptions,
    tailLiftOverKg: String(rules.deliveryOptions.tailLift.overKg),
    maxDepots: String(rules.deliveryOptions.depotCollection.maxDepots),
    fallbackRates: rules.fallbackRates.map((rate) => ({
      code: rate.code,
      name: rate.name,
      price: centsToDecimalString(rate.priceCents),
      minDays: rate.minDays === undefined ? '' : String(rate.minDays),
      maxDays: rate.maxDays === undefined ? '' : String(rate.maxDays),
    })),
    gstDisplay: rules.gst.display,
    postcodeRules: toPostcodeRows(rules.postcodeRules),
  };
}

export type FormErrors = Record<string, string>;

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function fromForm(
  form: RulesForm,
): { ok: true; rules: QuoteSettings } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const { money, whole } = readers(errors);
  const markupPercent = parseDecimal(form.markupPercent);
  if (markupPercent === undefined || Math.round(markupPercent * 100) !== markupPercent * 100) {
    errors.markupPercent =
      'Enter a percentage with at most two decimals, like 12.5 (negative for a discount).';
  }
  const rules: QuoteSettings = {
    strategy: form.strategy,
    cheapestWhenNoCommonService: form.cheapestWhenNoCommonService,
    cheapestName: form.cheapestName.trim(),
    fastestName: form.fastestName.trim(),
    markupPercent: markupPercent ?? 0,
    markupFlatCents: money(form.markupFlat, 'markupFlatCents', { allowEmpty: true }),
    handlingFeeCents: money(form.handlingFee, 'handlingFeeCents', { allowEmpty: true }),
    freeShipping: form.freeShippingOn
      ? {
          thresholdCents: money(form.freeThreshold, 'freeShipping.thresholdCents'),
          appliesTo: form.freeAppliesTo.trim() || 'cheapest',
        }
      : null,
    rounding: form.rounding,
    rename: readRename(form, errors),
    hideCarriers: list(form.hideCarriers),
    hideServices: list(form.hideServices),
    maxRates: whole(form.maxRates, 'maxRates', 1, 20),
    extraHandlingDays: whole(form.extraHandlingDays, 'extraHandlingDays', 0, 30),
    deliveryOptions: readDeliveryOptions(form, errors),
    fallbackRates: readFallbackRates(form, errors),
    gst: { display: form.gstDisplay },
    postcodeRules: readPostcodeRules(form.postcodeRules, errors),
  };
  if (!rules.cheapestName) errors.cheapestName = 'Give the combined cheapest rate a name.';
  if (!rules.fastestName) errors.fastestName = 'Give the combined fastest rate a name.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rules };
}

/** Readers of a money and a whole-number field; a field that does not read leaves its error in `errors`. */
function readers(errors: FormErrors) {
  const money = (text: string, path: string, { allowEmpty = false } = {}): number => {
    if (allowEmpty && text.trim() === '') return 0;
    const cents = typedDollarsToCents(text);
    if (cents === undefined || cents < 0) errors[path] = 'Enter an amount in dollars, like 12.50.';
    return cents ?? 0;
  };
  const whole = (text: string, path: string, min: number, max: number): number => {
    const value = parseDecimal(text);
    if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
      errors[path] = `Enter a whole number from ${min} to ${max}.`;
      return min;
    }
    return value;
  };
  return { money, whole };
}

/** The delivery options with the typed tail-lift weight (kg, up to one decimal) and number of depots. */
function readDeliveryOptions(form: RulesForm, errors: FormErrors): DeliveryOptionsSettings {
  const { whole } = readers(errors);
  const options = form.deliveryOptions;
  const overKg = parseDecimal(form.tailLiftOverKg);
  const kgPath = 'deliveryOptions.tailLift.overKg';
  const validKg = overKg !== undefined && overKg >= 1 && overKg <= 2000;
  if (options.tailLift.how === 'over_weight' && !validKg) {
    errors[kgPath] = 'Enter a weight in kg from 1 to 2000, like 30.';
  }
  const maxDepots = options.depotCollection.offer
    ? whole(form.maxDepots, 'deliveryOptions.depotCollection.maxDepots', 1, 5)
    : options.depotCollection.maxDepots;
  return {
    ...options,
    tailLift: { ...options.tailLift, overKg: validKg ? overKg : options.tailLift.overKg },
    depotCollection: { ...options.depotCollection, maxDepots },
  };
}

function readRename(form: RulesForm, errors: FormErrors): Record<string, string> {
  const rename: Record<string, string> = {};
  form.rename.forEach((row, index) => {
    if (!row.code.trim() && !row.name.trim()) return;
    if (!row.code.trim()) errors[`rename.${index}.code`] = 'Enter the service code to rename.';
    if (!row.name.trim()) errors[`rename.${index}.name`] = 'Enter the name checkout shows.';
    rename[row.code.trim()] = row.name.trim();
  });
  return rename;
}

function readFallbackRates(form: RulesForm, errors: FormErrors): FallbackRate[] {
  const { money, whole } = readers(errors);
  return form.fallbackRates.map((row, index) => {
    const optionalDays = (text: string, field: string) =>
      text.trim() === '' ? undefined : whole(text, `fallbackRates.${index}.${field}`, 0, 60);
    const minDays = optionalDays(row.minDays, 'minDays');
    const maxDays = optionalDays(row.maxDays, 'maxDays');
    return {
      code: row.code.trim(),
      name: row.name.trim(),
      priceCents: money(row.price, `fallbackRates.${index}.priceCents`),
      ...(minDays === undefined ? {} : { minDays }),
      ...(maxDays === undefined ? {} : { maxDays }),
    };
  });
}
