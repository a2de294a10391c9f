/**
 * The merchant's destination price rules and GST display (docs/prices-and-gst.md), part of the quoting
 * settings (quoting-schema.ts). Every merchant amount here is GST-inclusive, like every other amount a
 * merchant types into the rules (markup, handling fee, free-shipping threshold, fallback rates).
 */
import { z } from 'zod';
import { GST_DISPLAYS, MAX_POSTCODE_RULES, POSTCODE_ZONES } from './vocabulary.js';

const postcode = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'a four-digit Australian postcode');
const amount = z.number().int().min(0).max(100_000_000);

export const postcodeMatchSchema = z.discriminatedUnion('kind', [
  /** Destination postcodes from..to, both included ("0800"–"0899"). */
  z.strictObject({ kind: z.literal('range'), from: postcode, to: postcode }),
  /** Every postcode of a zone (core/localities/postcode-zones.ts). */
  z.strictObject({ kind: z.literal('zone'), zone: z.enum(POSTCODE_ZONES) }),
]);

export const postcodeActionSchema = z.discriminatedUnion('kind', [
  /** The rate costs exactly this (GST-inclusive cents), whatever the platform charged. */
  z.strictObject({ kind: z.literal('fixed'), priceCents: amount }),
  z.strictObject({ kind: z.literal('free') }),
  /** Added to the rate (GST-inclusive cents). */
  z.strictObject({ kind: z.literal('surcharge'), amountCents: amount }),
  /** Added to the rate as a percent of its price, up to two decimals. */
  z.strictObject({
    kind: z.literal('surcharge_percent'),
    percent: z.number().min(0.01).max(1000).multipleOf(0.01),
  }),
  /** The rate is not offered to these destinations. */
  z.strictObject({ kind: z.literal('hide') }),
]);

export const postcodeRuleSchema = z.strictObject({
  match: postcodeMatchSchema,
  action: postcodeActionSchema,
  /** Only the rate with this code (a service key or `cheapest`/`fastest`); every rate when absent. */
  service: z.string().trim().min(1).max(120).optional(),
});

type PostcodeRule = z.output<typeof postcodeRuleSchema>;

/**
 * The list, first match wins (per rate). Refused, each with the rule's index in `details`: a range whose
 * start is after its end, and a rule an earlier one already covers for the same rates, since it could
 * never apply and the merchant would wonder why.
 */
export const postcodeRulesSchema = z
  .array(postcodeRuleSchema)
  .max(MAX_POSTCODE_RULES)
  .superRefine((rules, context) => {
    rules.forEach((rule, index) => {
      if (rule.match.kind === 'range' && rule.match.from > rule.match.to) {
        context.addIssue({
          code: 'custom',
          path: [index, 'match', 'to'],
          message: `the range ends (${rule.match.to}) before it starts (${rule.match.from})`,
        });
        return;
      }
      const earlier = rules.slice(0, index).findIndex((before) => covers(before, rule));
      if (earlier >= 0)
        context.addIssue({
          code: 'custom',
          path: [index, 'match'],
          message: `rule ${earlier + 1} already matches every destination of this rule, so it would never apply`,
        });
    });
  });

/** Whether `before` matches every destination and rate `after` does. */
function covers(before: PostcodeRule, after: PostcodeRule): boolean {
  if (before.service !== undefined && before.service !== after.service) return false;
  const [a, b] = [before.match, after.match];
  if (a.kind === 'zone') return b.kind === 'zone' && a.zone === b.zone;
  if (b.kind !== 'range' || a.from > a.to) return false;
  return a.from <= b.from && b.to <= a.to;
}

/** How prices are shown and what the merchant's amounts mean (docs/prices-and-gst.md). */
export const gstSettingsSchema = z.strictObject({
  /**
   * inclusive: rates carry GST in their price (Australian consumer prices). exclusive: rates are the
   * price before GST, for a shop that adds tax on shipping itself (WooCommerce with taxes on ignores
   * this and always lets the store compute GST; see docs/platforms/woocommerce.md).
   */
  display: z.enum(GST_DISPLAYS).default('inclusive'),
});
