/**
 * What a front end hands the engine: the shop platform's cart, translated. Declared with the wire types
 * (core/wire/quoting-schema.ts), since the admin API's test quote sends the same cart.
 */
export { COMPANY_MAX_CHARS, quoteRequestSchema } from '../wire/quoting-schema.js';
export type { QuoteDestination, QuoteLine, QuoteRequest, Rate } from '../wire/admin-api-types.js';
