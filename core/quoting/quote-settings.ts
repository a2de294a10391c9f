/**
 * The merchant's quoting settings: how group results combine and the rules applied to the result, all money
 * in integer cents. Stored as one document per tenant; defaults make a fresh tenant quote sensibly.
 */
import { z } from 'zod';
import type { Store } from '../storage/store.js';

const cents = z.number().int().min(0).max(100_000_000);

export const fallbackRateSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, - and _'),
  name: z.string().trim().min(1).max(80),
  priceCents: cents,
  minDays: z.number().int().min(0).max(60).optional(),
  maxDays: z.number().int().min(0).max(60).optional(),
});

/**
 * How the store's buyers take delivery, until checkouts ask them (Big Post's own checkout asks each of
 * these). The defaults are what most online buyers are: a home address, no forklift, and no permission
 * to leave the goods unattended.
 */
export const deliveryDefaultsSchema = z.strictObject({
  isBusiness: z.boolean().default(false),
  hasForklift: z.boolean().default(false),
  authorityToLeave: z.boolean().default(false),
});

export const quoteSettingsSchema = z.strictObject({
  /**
   * common_services: one rate per service every group can use (sum of the groups' prices);
   * cheapest / fastest: one rate, each group's cheapest (fastest) option summed.
   */
  strategy: z.enum(['common_services', 'cheapest', 'fastest']).default('common_services'),
  /** With common_services: when no service is common to every group, offer the cheapest combination. */
  cheapestWhenNoCommonService: z.boolean().default(true),
  /** Names for the one combined rate of cheapest/fastest (and its fallback above). */
  cheapestName: z.string().trim().min(1).max(80).default('Standard shipping'),
  fastestName: z.string().trim().min(1).max(80).default('Express shipping'),
  /** Percent with up to two decimals, applied to the platform price: 12.5 = +12.5 %. */
  markupPercent: z.number().min(-90).max(1000).multipleOf(0.01).default(0),
  markupFlatCents: cents.default(0),
  handlingFeeCents: cents.default(0),
  freeShipping: z
    .strictObject({
      thresholdCents: cents,
      /** `cheapest`, or the code of one service. */
      appliesTo: z.string().trim().min(1).max(120).default('cheapest'),
    })
    .nullable()
    .default(null),
  rounding: z.enum(['none', 'up_to_dollar', 'to_95', 'to_99']).default('none'),
  rename: z.record(z.string().max(120), z.string().trim().min(1).max(80)).default({}),
  hideCarriers: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
  hideServices: z.array(z.string().trim().min(1).max(120)).max(200).default([]),
  maxRates: z.number().int().min(1).max(20).default(6),
  extraHandlingDays: z.number().int().min(0).max(30).default(0),
  /** Sent with every quote as the buyer's delivery options (freight-platform.ts `DeliveryOptions`). */
  deliveryDefaults: deliveryDefaultsSchema.default({
    isBusiness: false,
    hasForklift: false,
    authorityToLeave: false,
  }),
  /** Shown when quoting fails. Never empty by accident: a default rate is set until the merchant decides. */
  fallbackRates: z
    .array(fallbackRateSchema)
    .max(5)
    .default([{ code: 'fallback-standard', name: 'Standard shipping', priceCents: 1500 }]),
});

export type QuoteSettings = z.output<typeof quoteSettingsSchema>;
export type FallbackRate = z.output<typeof fallbackRateSchema>;
export const DEFAULT_QUOTE_SETTINGS: QuoteSettings = quoteSettingsSchema.parse({});

const ref = (tenant: string) => ({ tenant, kind: 'quote-settings', id: 'rules' });

export function createQuoteSettingsStore(store: Store) {
  return {
    async get(tenant: string): Promise<QuoteSettings> {
      const raw = await store.getDoc(ref(tenant));
      return raw === undefined ? DEFAULT_QUOTE_SETTINGS : quoteSettingsSchema.parse(raw);
    },
    async put(tenant: string, settings: QuoteSettings): Promise<QuoteSettings> {
      const parsed = quoteSettingsSchema.parse(settings);
      await store.putDoc(ref(tenant), parsed);
      return parsed;
    },
  };
}
export type QuoteSettingsStore = ReturnType<typeof createQuoteSettingsStore>;
