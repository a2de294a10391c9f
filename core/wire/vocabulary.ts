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

export function isAuStateCode(value: string): value is AuState {
  return (AU_STATES as readonly string[]).includes(value);
}

/**
 * Each state's and territory's IANA time zone: the one place a location's clock (its daily cut-off) is
 * derived from its state, here so the admin UI can name it too. The zones carry daylight saving where the
 * state keeps it (NSW, VIC, ACT, SA, TAS, from the first Sunday in October to the first Sunday in April)
 * and not where it does not (QLD, WA, NT), so no offset is written by hand. ACT keeps Sydney's time
 * (Australia/Canberra is only a link to it in the IANA database).
 */
export const STATE_TIME_ZONES: Readonly<Record<AuState, string>> = {
  ACT: 'Australia/Sydney',
  NSW: 'Australia/Sydney',
  NT: 'Australia/Darwin',
  QLD: 'Australia/Brisbane',
  SA: 'Australia/Adelaide',
  TAS: 'Australia/Hobart',
  VIC: 'Australia/Melbourne',
  WA: 'Australia/Perth',
};

/** Days of the week, as a location's despatch days are written; Monday first, as a merchant reads them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

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

/**
 * Destination zones of Australian postcodes (core/localities/postcode-zones.ts): metro is the ABS
 * Remoteness Area "Major Cities of Australia", regional its Inner and Outer Regional areas, remote its
 * Remote and Very Remote areas.
 */
export const POSTCODE_ZONES = ['metro', 'regional', 'remote'] as const;
export type PostcodeZone = (typeof POSTCODE_ZONES)[number];

/** At most this many postcode rules: each quote walks the list, and a merchant reads it as one table. */
export const MAX_POSTCODE_RULES = 50;

/** How the store shows shipping prices: with GST in, or without (the shop adds tax itself). */
export const GST_DISPLAYS = ['inclusive', 'exclusive'] as const;
export type GstDisplay = (typeof GST_DISPLAYS)[number];

/**
 * The packaging CSV's header as export writes it and the import page shows it (docs/packaging-csv.md):
 * a word list of the wire format, so the server and the UI cannot show two different ones.
 */
export const PACKAGING_CSV_HEADER = [
  'sku',
  'variant_id',
  'package_type',
  'length_cm',
  'width_cm',
  'height_cm',
  'weight_kg',
  'quantity',
  'locations',
  'consolidatable',
  'ships_alone',
] as const;
