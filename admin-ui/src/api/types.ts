/**
 * The admin API's wire format (docs/admin-api.md), as the UI reads it. Written here rather than imported
 * from core: the UI is a browser bundle and must not pull server code in; the e2e browser tests keep the
 * two honest against the real server.
 */

export type PlatformName = 'machship' | 'bigpost' | 'sandbox';
export type Environment = 'live' | 'test';

export interface Platform {
  readonly name: PlatformName;
  readonly displayName: string;
  readonly environments: readonly Environment[];
  readonly hasWarehouses: boolean;
}

export type ConnectionStatus = 'active' | 'revoked' | 'needs_attention';
export type CheckOutcome =
  'valid' | 'rejected' | 'forbidden' | 'wrong_environment' | 'unreachable' | 'rate_limited';
export type CheckTrigger = 'connect' | 'manual' | 'schedule' | 'quote_unauthorized' | 'replace';

export interface Connection {
  readonly id: string;
  readonly platform: PlatformName;
  readonly environment: Environment;
  readonly label: string;
  readonly hint: string;
  readonly status: ConnectionStatus;
  readonly createdAt: string;
  readonly verifiedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly nextCheckAt: string;
  readonly lastCheck: {
    readonly at: string;
    readonly outcome: CheckOutcome;
    readonly detail: string;
    readonly trigger: CheckTrigger;
  } | null;
  readonly account: { readonly name?: string; readonly testMode?: boolean } | null;
}

export type ConnectionEventType =
  | 'connected'
  | 'verified'
  | 'check_failed'
  | 'revoked_detected'
  | 'needs_attention'
  | 'replaced'
  | 'replace_refused'
  | 'disconnected';

export interface ConnectionEvent {
  readonly at: string;
  readonly type: ConnectionEventType | string;
  readonly actor: string;
  readonly outcome?: string;
  readonly detail?: string;
}

export interface Page<T> {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly items: readonly T[];
}

export const AU_STATES = ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'] as const;
export type AuState = (typeof AU_STATES)[number];

export interface Location {
  readonly id: string;
  readonly name: string;
  readonly addressLine1?: string;
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
  readonly isDefault: boolean;
  /** Each platform's own reference for the location (a MachShip company location id, a Big Post LocalityId). */
  readonly platformRefs?: Readonly<Partial<Record<PlatformName, string>>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface LocationInput {
  readonly name: string;
  readonly addressLine1?: string;
  readonly suburb: string;
  readonly postcode: string;
  readonly state: string;
}

/** Fields left out stay as they are; `null` clears the street address. */
export interface LocationUpdate {
  readonly name?: string;
  readonly addressLine1?: string | null;
  readonly suburb?: string;
  readonly postcode?: string;
  readonly state?: string;
}

export interface LocationResult {
  readonly location: Location;
  readonly warnings: readonly string[];
}

export interface WarehouseImport {
  readonly created: readonly Location[];
  readonly linked: readonly Location[];
  readonly unchanged: readonly Location[];
  readonly skipped: readonly {
    readonly platformId: string;
    readonly name: string;
    readonly reason: string;
  }[];
  readonly warnings: readonly string[];
}

export interface Locality {
  readonly suburb: string;
  readonly postcode: string;
  readonly state: string;
}

export const PACKAGE_TYPES = ['carton', 'pallet', 'skid', 'satchel', 'crate', 'bag', 'tube', 'pack'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export interface PackagingPackage {
  readonly type: PackageType;
  readonly lengthCm: number;
  readonly widthCm: number;
  readonly heightCm: number;
  readonly weightKg: number;
  readonly quantity: number;
}

export interface PackagingProfile {
  readonly key: string;
  readonly sku?: string;
  readonly variantId?: string;
  readonly packages: readonly PackagingPackage[];
  readonly locationIds: readonly string[];
  readonly consolidatable: boolean;
  readonly updatedAt: string;
}

export interface ProfileInput {
  readonly packages: readonly PackagingPackage[];
  readonly locationIds: readonly string[];
  readonly consolidatable: boolean;
}

export interface DefaultBox {
  readonly type: PackageType;
  readonly lengthCm: number;
  readonly widthCm: number;
  readonly heightCm: number;
  readonly tareWeightKg: number;
}

export interface MissingDimensionsItem {
  readonly key: string;
  readonly sku?: string;
  readonly variantId?: string;
  readonly title?: string;
  readonly grams?: number;
  readonly reason: 'no_profile' | 'no_packages';
  readonly message: string;
  readonly lastSeenAtCheckout?: string;
}

export interface CsvImportResult {
  /** Products whose packaging the file set. */
  readonly imported: number;
  readonly rows: number;
  /** Their keys (`sku:…`, `variant:…`). */
  readonly profiles: readonly string[];
}

/** Product sync from the shop (WooCommerce bridge or Shopify app), as the UI shows it. */
export interface ProductSync {
  readonly state: 'running' | 'completed' | 'failed';
  readonly done: number;
  /** Known once the shop said how many products it has. */
  readonly total: number | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

/** The WooCommerce store this admin belongs to, when one is connected. */
export interface WooCommerceStore {
  readonly storeUrl: string;
  readonly status: 'verifying' | 'connected' | 'failed';
  /** Product webhooks: `awaiting_plugin` until the plugin (read-only keys) has registered them. */
  readonly webhooks: {
    readonly status: 'pending' | 'registered' | 'failed' | 'awaiting_plugin' | 'plugin';
    readonly detail: string | null;
  } | null;
}

export type Strategy = 'common_services' | 'cheapest' | 'fastest';
export type Rounding = 'none' | 'up_to_dollar' | 'to_95' | 'to_99';

export interface FallbackRate {
  readonly code: string;
  readonly name: string;
  readonly priceCents: number;
  readonly minDays?: number;
  readonly maxDays?: number;
}

export interface Rules {
  readonly strategy: Strategy;
  readonly cheapestWhenNoCommonService: boolean;
  readonly cheapestName: string;
  readonly fastestName: string;
  readonly markupPercent: number;
  readonly markupFlatCents: number;
  readonly handlingFeeCents: number;
  readonly freeShipping: { readonly thresholdCents: number; readonly appliesTo: string } | null;
  readonly rounding: Rounding;
  readonly rename: Readonly<Record<string, string>>;
  readonly hideCarriers: readonly string[];
  readonly hideServices: readonly string[];
  readonly maxRates: number;
  readonly extraHandlingDays: number;
  readonly deliveryDefaults: DeliveryDefaults;
  readonly fallbackRates: readonly FallbackRate[];
}

/** How the store's buyers take delivery until checkouts ask them (Big Post prices each of these). */
export interface DeliveryDefaults {
  readonly isBusiness: boolean;
  readonly hasForklift: boolean;
  readonly authorityToLeave: boolean;
}

export interface QuoteLineInput {
  readonly sku?: string;
  readonly variantId?: string;
  readonly quantity: number;
  readonly grams?: number;
  readonly priceCents?: number;
}

export interface Destination {
  readonly country: string;
  readonly postcode: string;
  readonly state?: string;
  readonly suburb?: string;
}

export interface TestQuoteRequest {
  readonly destination: Destination;
  readonly lines: readonly QuoteLineInput[];
  readonly currency?: string;
  readonly settings?: Rules;
  readonly deadlineMs?: number;
}

export interface Rate {
  readonly code: string;
  readonly name: string;
  readonly totalCents: number;
  readonly currency: string;
  readonly description?: string;
  readonly minDays?: number;
  readonly maxDays?: number;
}

export type QuoteSource = 'live' | 'fallback' | 'none';

export interface UpstreamCall {
  readonly connectionId: string;
  readonly platform: string;
  readonly locationId: string;
  readonly latencyMs: number;
  readonly cache: 'hit' | 'miss' | 'shared' | string;
  readonly outcome: string;
  readonly detail?: string;
  readonly options: number;
}

export interface RateLogEntry {
  readonly id: string;
  readonly at: string;
  readonly source: QuoteSource;
  readonly fallbackReason?: string;
  readonly durationMs: number;
  readonly request: {
    readonly country: string;
    readonly state?: string;
    readonly postcode: string;
    readonly suburb?: string;
    readonly currency: string;
    readonly lines: readonly {
      readonly sku?: string;
      readonly variantId?: string;
      readonly quantity: number;
    }[];
  };
  readonly groups: readonly {
    readonly locationId: string;
    readonly estimated: boolean;
    readonly packages: readonly PackagingPackage[];
  }[];
  readonly upstream: readonly UpstreamCall[];
  readonly rulesApplied: readonly string[];
  readonly rates: readonly Rate[];
}

export interface TestQuote {
  readonly rates: readonly Rate[];
  readonly source: QuoteSource;
  readonly fallbackReason?: string;
  readonly diagnostics: RateLogEntry;
}

/** A WooCommerce connector key as listed: never its secret. */
export interface ConnectorKey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string | null;
  readonly revokedAt?: string | null;
}

export interface CreatedConnectorKey {
  readonly key: ConnectorKey;
  /** Shown once. */
  readonly secret: string;
}

export interface CarrierServiceResult {
  readonly carrierService: { readonly id: string; readonly active: boolean };
  readonly instructions: readonly string[];
}

/** GET /incidents (core/alerts/incident.ts, incidentViewSchema): one condition breaking checkout. */
export type IncidentKind =
  | 'token_revoked'
  | 'token_unusable'
  | 'budget_exhausted'
  | 'fallback_share_high'
  | 'carrier_service_removed'
  | 'store_key_revoked';

export interface Incident {
  readonly id: string;
  readonly kind: IncidentKind;
  /** A connection id for the token and budget kinds; `checkout`, `shopify` or `woocommerce` otherwise. */
  readonly subject: string;
  readonly title: string;
  /** What to do, in a sentence or two. */
  readonly action: string;
  /** Where in the admin to do it. */
  readonly actionPath: string;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
}
