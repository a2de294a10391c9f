/**
 * The fixed word lists of the wire format. No imports, so the admin UI can bundle them as values (its
 * selects list the states and package types) without pulling in zod or anything of the server.
 */

export const PLATFORM_NAMES = ['machship', 'bigpost', 'sandbox'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

/**
 * Which side of the platform a token belongs to. Big Post has separate live and staging hosts with
 * separate tokens; MachShip has one host, and its API does not tell a test user's token from a live one
 * (only each route's carrier account says whether it is in test mode), so there it is the merchant's
 * label; the sandbox issues tokens for either.
 */
export const PLATFORM_ENVIRONMENTS = ['live', 'test'] as const;
export type PlatformEnvironment = (typeof PLATFORM_ENVIRONMENTS)[number];

export const AU_STATES = ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'] as const;
export type AuState = (typeof AU_STATES)[number];

export const PACKAGE_TYPES = ['carton', 'pallet', 'skid', 'satchel', 'crate', 'bag', 'tube', 'pack'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

/** The merchant's own boxes items are packed into (docs/packaging.md); each is also a package type. */
export const BOX_KINDS = ['carton', 'satchel', 'pallet'] as const satisfies readonly PackageType[];
export type BoxKind = (typeof BOX_KINDS)[number];

/** Where a quote's rates came from: the platforms, the merchant's fallback rates, or nowhere. */
export const QUOTE_SOURCES = ['live', 'fallback', 'none'] as const;
export type QuoteSource = (typeof QUOTE_SOURCES)[number];

/**
 * Where a checkout's rates came from, for the merchant and for metrics (the rate log's `outcome`):
 *   live             at least one platform answered this checkout (or a call it shared)
 *   cached           every price came fresh from the quote cache
 *   stale            a price came from an expired cache entry, served while one refresh ran
 *   last-known-good  a token's budget was spent: a price came from the lane's last good answer
 *   fallback         the merchant's fallback table (`fallbackReason` says why)
 *   none             nothing to quote (no shipping needed, or outside Australia)
 */
export const QUOTE_OUTCOMES = ['live', 'cached', 'stale', 'last-known-good', 'fallback', 'none'] as const;
export type QuoteOutcomeKind = (typeof QUOTE_OUTCOMES)[number];

export const WEIGHT_UNITS = ['g', 'kg', 'lbs', 'oz'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
export const LENGTH_UNITS = ['mm', 'cm', 'm', 'in', 'yd'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];
