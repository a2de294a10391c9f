/**
 * The admin API's quoting (docs/admin-api.md): the merchant's rules, a test quote and the rate log. The
 * cart a front end hands the engine (quote request) is here too, since the test quote sends one.
 */
import { z } from 'zod';
import { packagingPackageSchema, packingSummarySchema, testQuotePackingSchema } from './packaging-schema.js';
import { gstSettingsSchema, postcodeRulesSchema } from './price-rules-schema.js';
import { QUOTE_OUTCOMES, QUOTE_SOURCES } from './vocabulary.js';

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
 * The buyer's delivery options a checkout can carry (#15): each platform prices them (MachShip as question
 * ids on the route request, Big Post as BuyerIsBusiness / BuyerHasForklift / ATL / DepotId; see
 * docs/platforms/). A front end sends only what its checkout asked; whatever is absent is filled from the
 * merchant's `deliveryOptions` settings (assumed or derived) before the platforms are asked.
 */
export const deliveryAnswersSchema = z.strictObject({
  /** Business address (the buyer said so); false: a home (residential) address. */
  isBusiness: z.boolean().optional(),
  /** A truck with a tail-lift is needed: nobody on site can unload heavy goods (no forklift, no dock). */
  tailLift: z.boolean().optional(),
  /** The buyer allows the goods to be left without a signature. */
  authorityToLeave: z.boolean().optional(),
  /** The goods must be carried in by hand (no pallet jack or forklift at the door). */
  handUnload: z.boolean().optional(),
  /** The buyer collects from this depot: `<platform>:<that platform's depot id>`, as a depot rate's code carries. */
  depot: z
    .string()
    .trim()
    .regex(/^[a-z]+:[A-Za-z0-9_-]{1,64}$/, '<platform>:<depot id>')
    .optional(),
});

/** The longest company name a quote request carries; a front end cuts a longer one to this. */
export const COMPANY_MAX_CHARS = 256;

/** Keys of the yes/no delivery options, as the settings and the checkouts name them. */
export const DELIVERY_QUESTIONS = ['isBusiness', 'tailLift', 'authorityToLeave', 'handUnload'] as const;

const assumeOrAsk = z.strictObject({
  /** ask: the checkout asks the buyer (WooCommerce only; Shopify cannot ask and uses `assume`). */
  how: z.enum(['ask', 'assume']).default('assume'),
  /** The answer when not asked, or when the buyer has not answered yet. */
  assume: z.boolean().default(false),
});

/**
 * How each delivery option is known: asked at checkout, assumed, or derived from the cart or address.
 * The defaults are what most online buyers are: a home address, nobody to unload heavy goods, no
 * authority to leave.
 */
export const deliveryOptionsSettingsSchema = z.strictObject({
  /**
   * company_name: business when the address has a company name. WooCommerce sends the billing/shipping
   * company; Shopify's callback sends `company_name` only for some providers and is often null for
   * API-created carrier services (docs/platforms/shopify.md), where the `assume` answer decides.
   */
  isBusiness: z
    .strictObject({
      how: z.enum(['ask', 'assume', 'company_name']).default('company_name'),
      assume: z.boolean().default(false),
    })
    .default({ how: 'company_name', assume: false }),
  /** over_weight: a tail-lift when any one package weighs more than `overKg`. */
  tailLift: z
    .strictObject({
      how: z.enum(['ask', 'assume', 'over_weight']).default('over_weight'),
      assume: z.boolean().default(false),
      overKg: z.number().min(1).max(2000).default(30),
    })
    .default({ how: 'over_weight', assume: false, overKg: 30 }),
  authorityToLeave: assumeOrAsk.default({ how: 'assume', assume: false }),
  handUnload: assumeOrAsk.default({ how: 'assume', assume: false }),
  /** Depot collection rates ("Collect from <depot>, <suburb>") where a platform offers depots. */
  depotCollection: z
    .strictObject({
      offer: z.boolean().default(false),
      /** At most this many depots, nearest first. */
      maxDepots: z.number().int().min(1).max(5).default(2),
    })
    .default({ offer: false, maxDepots: 2 }),
});

/** The merchant's quoting settings ("rules"): how group results combine and what is done to the result. */
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
  /** How each delivery option is known (asked, assumed or derived); see `deliveryOptionsSettingsSchema`. */
  deliveryOptions: deliveryOptionsSettingsSchema.prefault({}),
  /** GST-inclusive or exclusive prices (docs/prices-and-gst.md). */
  gst: gstSettingsSchema.prefault({}),
  /** Destination rules by postcode range or zone, first match wins (price-rules-schema.ts). */
  postcodeRules: postcodeRulesSchema.default([]),
  /** Shown when quoting fails (GST-inclusive prices). Never empty by accident: a default rate is set until the merchant decides. */
  fallbackRates: z
    .array(fallbackRateSchema)
    .max(5)
    .default([{ code: 'fallback-standard', name: 'Standard shipping', priceCents: 1500 }]),
});

/**
 * What a front end hands the engine: the shop platform's cart, translated. Only what pricing needs: no
 * names, emails or phones, and address lines are accepted but never sent upstream nor logged.
 */
export const quoteLineSchema = z.object({
  sku: z.string().trim().max(255).optional(),
  variantId: z.string().trim().max(64).optional(),
  quantity: z.number().int().min(1).max(10_000),
  /** Shop weight of one unit, grams (Shopify `grams`; WooCommerce converted). */
  grams: z.number().min(0).max(100_000_000).optional(),
  /** Price of one unit in minor units. */
  priceCents: z.number().int().min(0).max(1_000_000_000).default(0),
  requiresShipping: z.boolean().default(true),
  /** Dimensions a shop knows for the product (WooCommerce), cm; used when no packaging profile exists. */
  dimensionsCm: z
    .object({ length: z.number().positive(), width: z.number().positive(), height: z.number().positive() })
    .optional(),
});

export const destinationSchema = z.object({
  country: z.string().trim().length(2).toUpperCase(),
  postcode: z.string().trim().max(16),
  state: z.string().trim().max(32).optional(),
  suburb: z.string().trim().max(128).optional(),
  addressLine1: z.string().max(256).optional(),
  addressLine2: z.string().max(256).optional(),
  /** The address's company name: only read to derive "business address"; never sent upstream nor logged. */
  company: z.string().max(COMPANY_MAX_CHARS).optional(),
});

export const quoteRequestSchema = z.object({
  destination: destinationSchema,
  lines: z.array(quoteLineSchema).min(1).max(500),
  currency: z.string().trim().length(3).toUpperCase(),
  /** What the checkout asked the buyer; absent options come from the merchant's settings. */
  delivery: deliveryAnswersSchema.optional(),
});

/** POST /quotes/test: a cart, and optionally unsaved rules to preview (the saved ones when absent). */
export const testQuoteBodySchema = quoteRequestSchema.extend({
  currency: z.string().trim().length(3).toUpperCase().default('AUD'),
  settings: quoteSettingsSchema.optional(),
  deadlineMs: z.number().int().min(200).max(9000).optional(),
});

/** Integer cents; its type is core/money.ts `Cents`. */
export const centsSchema = z.number().int().brand<'Cents'>();

/** A shop-level rate, before a front end formats it for Shopify or WooCommerce. */
export const rateSchema = z.object({
  /** Stable across quotes for the same service: Shopify's service_code, WooCommerce's rate id. */
  code: z.string(),
  name: z.string(),
  totalCents: centsSchema,
  /**
   * The GST of this rate, and whether `totalCents` includes it (the store's `gst.display`): the
   * platform's own split carried through the rules. Absent on rate-log entries from before they were.
   */
  gstCents: centsSchema.optional(),
  gstIncluded: z.boolean().optional(),
  currency: z.string(),
  description: z.string().optional(),
  /** Transit business days (plus the store's extra handling days): the text when there are no dates. */
  minDays: z.number().optional(),
  maxDays: z.number().optional(),
  /**
   * The delivery window, `YYYY-MM-DD` in the destination's calendar (docs/delivery-dates.md): despatch
   * from the location's settings plus the transit in the destination's business days.
   */
  minDate: z.string().optional(),
  maxDate: z.string().optional(),
});

/** How one delivery option of a quote was known: the buyer's answer, the merchant's assumption, or derived. */
export const deliveryOriginSchema = z.enum(['asked', 'assumed', 'derived']);

/** The delivery options a quote was priced with (freight-platform.ts `DeliveryOptions`), as the rate log keeps them. */
export const resolvedDeliverySchema = z.object({
  isBusiness: z.boolean(),
  tailLift: z.boolean(),
  authorityToLeave: z.boolean(),
  handUnload: z.boolean(),
  /** `<platform>:<depot id>` the buyer chose to collect from. */
  depot: z.string().optional(),
  /** Where each yes/no option came from. */
  from: z.record(z.enum(DELIVERY_QUESTIONS), deliveryOriginSchema),
});

/** One platform call of a quote, as the rate log keeps it. */
export const upstreamCallSchema = z.object({
  connectionId: z.string(),
  platform: z.string(),
  locationId: z.string(),
  latencyMs: z.number(),
  /**
   * `hit`, `miss`, `shared` (another checkout's call in flight), `stale` (an expired entry served while one
   * refresh runs) or `last-known-good` (the token's budget was spent; the lane's last good answer).
   */
  cache: z.string(),
  outcome: z.string(),
  detail: z.string().optional(),
  options: z.number(),
});

/**
 * One quote as the rate log keeps it, for the merchant to see why checkout showed what it showed. Privacy
 * by construction: the request summary has no field for a name, street, email or phone.
 */
export const rateLogEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  source: z.enum(QUOTE_SOURCES),
  /** Where the rates came from (vocabulary.ts `QUOTE_OUTCOMES`); absent on entries logged before it was. */
  outcome: z.enum(QUOTE_OUTCOMES).optional(),
  fallbackReason: z.string().optional(),
  durationMs: z.number(),
  request: z.object({
    country: z.string(),
    state: z.string().optional(),
    postcode: z.string(),
    suburb: z.string().optional(),
    currency: z.string(),
    lines: z.array(
      z.object({ sku: z.string().optional(), variantId: z.string().optional(), quantity: z.number() }),
    ),
  }),
  groups: z.array(
    z.object({
      locationId: z.string(),
      estimated: z.boolean(),
      packages: z.array(packagingPackageSchema),
      /** Absent on entries logged before boxes existed. */
      packing: packingSummarySchema.optional(),
      /**
       * This group's (consignment's) delivery options, only when the groups of the quote were asked with
       * different ones (a tail-lift derived from this group's weights); else the entry's `delivery` is all.
       */
      delivery: resolvedDeliverySchema.optional(),
    }),
  ),
  /**
   * The delivery options the platforms were asked with, and how each was known; absent before #15. When
   * groups differ (each group's own is on its `groups[]` entry), an option is true here if any group's is.
   */
  delivery: resolvedDeliverySchema.optional(),
  upstream: z.array(upstreamCallSchema),
  rulesApplied: z.array(z.string()),
  rates: z.array(rateSchema),
});

export const rulesResponseSchema = z.object({ rules: quoteSettingsSchema });
export const testQuoteResponseSchema = z.object({
  rates: z.array(rateSchema),
  source: z.enum(QUOTE_SOURCES),
  fallbackReason: z.string().optional(),
  diagnostics: rateLogEntrySchema,
  /** Where every unit went, for the packing picture (docs/packaging.md). */
  packing: testQuotePackingSchema,
});
export const rateLogPageSchema = z.object({
  entries: z.array(rateLogEntrySchema),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});
export const rateLogEntryResponseSchema = z.object({ entry: rateLogEntrySchema });
