/**
 * The sandbox platform's wire format: what its HTTP API accepts and answers. The router validates
 * requests with these schemas and the adapter's mapper validates responses with them, so the two sides
 * cannot drift. The full description of the API is in sandbox-router.ts.
 */
import { z } from 'zod';
import { AU_STATES, PACKAGE_TYPES, PLATFORM_ENVIRONMENTS } from '../freight-platform.js';

/** Which environment the caller believes its token belongs to (a token of the other one gets 403). */
export const ENVIRONMENT_HEADER = 'x-sandbox-environment';

export const environmentSchema = z.enum(PLATFORM_ENVIRONMENTS);

// --- requests --------------------------------------------------------------------------------------

export const createTokenBodySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/,
      'use 1-64 letters, digits, spaces, dots, dashes or underscores',
    ),
  environment: environmentSchema,
});

const placeSchema = z.strictObject({
  suburb: z.string().trim().min(1).max(80),
  postcode: z.string().regex(/^\d{4}$/, 'a postcode is four digits'),
  state: z.enum(AU_STATES),
});

const itemSchema = z.strictObject({
  type: z.enum(PACKAGE_TYPES),
  description: z.string().max(50).optional(),
  lengthCm: z.number().positive().max(1500),
  widthCm: z.number().positive().max(1500),
  heightCm: z.number().positive().max(1500),
  /** Weight of one item, kg. */
  weightKg: z.number().positive().max(5000),
  quantity: z.number().int().min(1).max(1000),
});

export const quoteRequestSchema = z.strictObject({
  from: placeSchema,
  to: placeSchema.extend({
    isBusiness: z.boolean().optional(),
    tailLift: z.boolean().optional(),
    handUnload: z.boolean().optional(),
    authorityToLeave: z.boolean().optional(),
  }),
  items: z.array(itemSchema).min(1).max(200),
});
export type SandboxQuoteRequest = z.infer<typeof quoteRequestSchema>;

export const MAX_LOCALITY_RESULTS = 50;

// Not strict: a query string may carry a cache-buster or tracking parameter the sandbox does not care about.
export const localitySearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(MAX_LOCALITY_RESULTS).optional(),
});

// --- responses -------------------------------------------------------------------------------------

export const pingResponseSchema = z.object({
  ok: z.literal(true),
  account: z.object({ name: z.string(), environment: environmentSchema }),
});

const namedCodeSchema = z.object({ code: z.string(), name: z.string() });

/** Prices are AUD decimal dollars (like MachShip and Big Post); GST is 10% of the price before tax. */
export const quoteOptionSchema = z.object({
  carrier: namedCodeSchema,
  service: namedCodeSchema,
  currency: z.literal('AUD'),
  priceExGst: z.number().nonnegative(),
  gst: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** Business days from despatch. */
  transitDays: z.object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
});
export type SandboxQuoteOption = z.infer<typeof quoteOptionSchema>;

export const quoteResponseSchema = z.object({
  environment: environmentSchema,
  distanceKm: z.number().nonnegative(),
  options: z.array(quoteOptionSchema),
});

export const localitiesResponseSchema = z.object({
  localities: z.array(z.object({ suburb: z.string(), postcode: z.string(), state: z.enum(AU_STATES) })),
});

export const warehouseSchema = z.object({
  id: z.string(),
  name: z.string(),
  addressLine1: z.string(),
  suburb: z.string(),
  postcode: z.string(),
  state: z.enum(AU_STATES),
});
export const warehousesResponseSchema = z.object({ warehouses: z.array(warehouseSchema) });
export type SandboxWarehouse = z.infer<typeof warehouseSchema>;

/** Every error the sandbox answers with, as `{"error": {"code", "message", ...}}`. */
export const SANDBOX_ERROR_CODES = [
  'bad_json',
  'bad_body',
  'body_too_large',
  'unsupported_media_type',
  'validation_failed',
  'route_not_found',
  'not_found',
  'name_taken',
  'too_many_tokens',
  'missing_environment',
  'missing_token',
  'invalid_token',
  'wrong_environment',
  'unknown_locality',
  'injected_status',
  'injected_failure',
  'internal',
] as const;
export type SandboxErrorCode = (typeof SANDBOX_ERROR_CODES)[number];

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** On `wrong_environment`: the environment the token really belongs to. */
    tokenEnvironment: environmentSchema.optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type SandboxErrorBody = z.infer<typeof errorResponseSchema>;
