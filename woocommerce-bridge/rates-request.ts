/**
 * The plugin's rate request, as `calculate_shipping($package)` sees the cart, and its translation into
 * core's QuoteRequest:
 *
 *   {"currency": "AUD", "units": {"weight": "kg", "dimension": "cm"},
 *    "package": {"destination": {"country", "state", "postcode", "city", "address_1", "address_2"},
 *                "contents": [{"product_id", "variation_id", "sku", "quantity", "line_total",
 *                              "weight", "length", "width", "height"}]},
 *    "delivery": {"is_business", "tail_lift", "authority_to_leave", "hand_unload", "depot"}}
 *
 * PHP hands over numbers as strings and unset values as null or "", so the schema takes either. Weights and
 * dimensions are in the store's units and are converted exactly (store-units.ts); a line's dimensions are
 * used only when all three are there. Price per unit is line_total / quantity, in cents. Fields the schema
 * does not name are ignored, so a newer plugin can send more without breaking an older bridge.
 *
 * `delivery` carries the buyer's answers to the questions the checkout asked (checkout-questions.ts): each
 * "yes"/"no", "1"/"0", "true"/"false", a boolean or 0/1; "" or null is "not answered" and omitted. The
 * destination's `company` is the shipping company name, which core reads to derive "business address".
 * `delivery.depot` is not an answer but a choice: the depot rate the shopper picked (`<platform>:<id>`, its
 * code without `depot:`), sent so the platform prices collection from it; it is held to core's own
 * pattern (deliveryAnswersSchema.depot), and "" or null is "none chosen".
 */
import { z } from 'zod';
import {
  dollarsToCents,
  parseLengthUnit,
  parseWeightUnit,
  parseWith,
  quoteRequestSchema,
  rbError,
  type QuoteRequest,
  rbErrorWithDetails,
  type RateBridgeError,
} from '../core/index.js';
import { DELIVERY_QUESTIONS, deliveryAnswersSchema } from '../core/wire/quoting-schema.js';
import { PLUGIN_FIELD } from './checkout-questions.js';
import { isSet, toDimensionsCm, toGrams, type StoreUnits } from './store-units.js';

const optionalText = (max: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((value) =>
      value === null || value === undefined ? undefined : String(value).trim() || undefined,
    )
    .pipe(z.string().max(max, `must be at most ${max} characters`).optional());

/** WordPress ids: a number or a numeric string; 0, "" and null mean "none". */
const wordpressId = z
  .union([
    z.number().int().min(0),
    z
      .string()
      .trim()
      .regex(/^\d{0,20}$/, 'must be a numeric id'),
    z.null(),
  ])
  .optional()
  .transform((value) => {
    if (value === null || value === undefined) return undefined;
    const digits = String(value).replace(/^0+/, '');
    return digits === '' ? undefined : digits;
  });

/** Kept as text: converted by exact decimal arithmetic, never through a float. */
const measure = z.union([z.string().trim().max(32), z.number().finite(), z.null()]).optional();

const quantity = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, 'must be a whole number'),
  ])
  .transform(Number)
  .pipe(z.number().int('must be a whole number').min(0).max(10_000));

const YES = new Set(['yes', '1', 'true', 'on']);
const NO = new Set(['no', '0', 'false', 'off']);

/** A checkbox answer as PHP sends it; undefined when not answered, an issue for anything else. */
const yesNo = z
  .union([z.boolean(), z.number(), z.string().max(8, 'must be yes or no'), z.null()])
  .optional()
  .transform((value, context): boolean | undefined => {
    if (value === null || value === undefined || typeof value === 'boolean') return value ?? undefined;
    const text = String(value).trim().toLowerCase();
    if (text === '') return undefined;
    if (YES.has(text)) return true;
    if (NO.has(text)) return false;
    context.addIssue({ code: 'custom', message: 'must be yes or no' });
    return z.NEVER;
  });

/** The chosen depot, to core's pattern; "" and null are none. */
const chosenDepot = z
  .union([z.string().max(80, 'must be <platform>:<depot id>'), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? undefined : value.trim() || undefined))
  .pipe(deliveryAnswersSchema.shape.depot);

const deliveryAnswers = z
  .object({
    is_business: yesNo,
    tail_lift: yesNo,
    authority_to_leave: yesNo,
    hand_unload: yesNo,
    depot: chosenDepot,
  })
  .nullable()
  .optional();

const contentsItem = z.object({
  product_id: wordpressId,
  variation_id: wordpressId,
  sku: optionalText(255),
  quantity,
  line_total: z.union([z.number().finite(), z.string().trim().max(32), z.null()]).optional(),
  weight: measure,
  length: measure,
  width: measure,
  height: measure,
});

export const pluginRatesBodySchema = z.object({
  currency: z.string().trim().length(3, 'must be a three-letter currency code').toUpperCase(),
  units: z
    .object({ weight: optionalText(16), dimension: optionalText(16) })
    .nullable()
    .optional(),
  package: z.object({
    destination: z.object({
      country: optionalText(2),
      state: optionalText(32),
      postcode: optionalText(16),
      city: optionalText(128),
      address_1: optionalText(256),
      address_2: optionalText(256),
      company: optionalText(256),
    }),
    contents: z.array(contentsItem).max(500, 'at most 500 cart lines'),
  }),
  delivery: deliveryAnswers,
});
export type PluginRatesBody = z.output<typeof pluginRatesBodySchema>;

/** Parses the raw request body; throws RB_ERR_BAD_JSON or RB_ERR_VALIDATION (400). */
export function parsePluginRatesBody(rawBody: Buffer): PluginRatesBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw rbError('RB_ERR_BAD_JSON');
  }
  return parseWith(pluginRatesBodySchema, json);
}

/**
 * The QuoteRequest of a plugin body. `storeUnits` (read from the store at connection) stand in when the
 * body does not state units. Throws RB_ERR_VALIDATION with a detail per field at fault.
 */
export function toQuoteRequest(body: PluginRatesBody, storeUnits: StoreUnits | undefined): QuoteRequest {
  const problems: Problem[] = [];
  const weightText = body.units?.weight;
  const dimensionText = body.units?.dimension;
  const weightUnit = weightText === undefined ? storeUnits?.weight : parseWeightUnit(weightText);
  const dimensionUnit = dimensionText === undefined ? storeUnits?.dimension : parseLengthUnit(dimensionText);
  if (!weightUnit) problems.push({ path: 'units.weight', message: 'must be one of kg, g, lbs, oz' });
  if (!dimensionUnit) problems.push({ path: 'units.dimension', message: 'must be one of m, cm, mm, in, yd' });

  const destination = body.package.destination;
  if (!destination.country || !/^[A-Za-z]{2}$/.test(destination.country)) {
    problems.push({ path: 'package.destination.country', message: 'must be a two-letter country code' });
  }

  const lines: QuoteLine[] = [];
  if (weightUnit && dimensionUnit) {
    const units = { weight: weightUnit, dimension: dimensionUnit };
    for (const [index, item] of body.package.contents.entries()) {
      const line = toQuoteLine(item, units, problems, (field) => `package.contents.${index}.${field}`);
      if (line) lines.push(line);
    }
    if (lines.length === 0 && problems.length === 0) {
      problems.push({ path: 'package.contents', message: 'the package has nothing to ship' });
    }
  }
  if (problems.length > 0) throw validation(problems);

  return parseWith(quoteRequestSchema, {
    destination: {
      country: destination.country,
      postcode: destination.postcode ?? '',
      ...(destination.state === undefined ? {} : { state: destination.state }),
      ...(destination.city === undefined ? {} : { suburb: destination.city }),
      ...(destination.address_1 === undefined ? {} : { addressLine1: destination.address_1 }),
      ...(destination.address_2 === undefined ? {} : { addressLine2: destination.address_2 }),
      ...(destination.company === undefined ? {} : { company: destination.company }),
    },
    currency: body.currency,
    lines,
    ...deliveryOf(body.delivery),
  });
}

/** The answers given, in core's names; nothing at all when none was given. */
function deliveryOf(answers: PluginRatesBody['delivery']): { delivery?: QuoteRequest['delivery'] } {
  if (!answers) return {};
  const delivery: { -readonly [K in keyof Answers]: Answers[K] } = {};
  for (const question of DELIVERY_QUESTIONS) {
    const answer = answers[PLUGIN_FIELD[question] as Exclude<keyof typeof answers, 'depot'>];
    if (answer !== undefined) delivery[question] = answer;
  }
  if (answers.depot !== undefined) delivery.depot = answers.depot;
  return Object.keys(delivery).length === 0 ? {} : { delivery };
}

type Answers = NonNullable<QuoteRequest['delivery']>;
type Problem = { path: string; message: string };
type QuoteLine = QuoteRequest['lines'][number];
type ContentItem = PluginRatesBody['package']['contents'][number];

/** One cart line in core's terms (undefined for a line of quantity 0); what is wrong goes to `problems`. */
function toQuoteLine(
  item: ContentItem,
  units: StoreUnits,
  problems: Problem[],
  at: (field: string) => string,
): QuoteLine | undefined {
  if (item.quantity === 0) return undefined;
  const grams = toGrams(item.weight, units.weight);
  if (isSet(item.weight) && grams === undefined) {
    problems.push({ path: at('weight'), message: `must be a decimal number of ${units.weight}` });
  }
  const given = [item.length, item.width, item.height].filter(isSet).length;
  const dimensionsCm =
    given === 3
      ? toDimensionsCm({ length: item.length, width: item.width, height: item.height }, units.dimension)
      : undefined;
  if (given === 3 && dimensionsCm === undefined) {
    problems.push({
      path: at('length'),
      message: `dimensions must be positive decimal numbers of ${units.dimension}`,
    });
  }
  let priceCents = 0;
  if (isSet(item.line_total)) {
    const total = dollarsToCents(item.line_total);
    if (total === undefined) problems.push({ path: at('line_total'), message: 'must be a decimal amount' });
    else priceCents = Math.max(0, Math.round(total / item.quantity));
  }
  const variantId = item.variation_id ?? item.product_id;
  return {
    quantity: item.quantity,
    priceCents,
    requiresShipping: true,
    ...(item.sku === undefined ? {} : { sku: item.sku }),
    ...(variantId === undefined ? {} : { variantId }),
    ...(grams === undefined ? {} : { grams }),
    ...(dimensionsCm === undefined ? {} : { dimensionsCm }),
  };
}

function validation(problems: readonly { path: string; message: string }[]): RateBridgeError {
  const summary = problems
    .slice(0, 3)
    .map((problem) => `${problem.path}: ${problem.message}`)
    .join('; ');
  return rbErrorWithDetails('RB_ERR_VALIDATION', problems, problems.length > 3 ? `${summary}; …` : summary);
}
