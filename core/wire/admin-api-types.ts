/**
 * The admin API's wire types: every request body and every answer of docs/admin-api.md (and of the front
 * ends' admin routes beside it), each derived with z.infer from the schema in this folder that the route
 * parses or answers with. Core, the front ends and the admin UI import them from here; nobody restates one.
 *
 * Type-only: `import type` of this module is erased, so the UI's bundle gets none of it. Everything it
 * reaches imports nothing but zod (a dependency rule keeps core/wire pure), so it typechecks in the UI too.
 * Types are deeply readonly: what is on the wire is read, not edited in place.
 */
import type { z } from 'zod';
import type * as connections from './connections-schema.js';
import type * as errors from './error-schema.js';
import type * as incidents from './incidents-schema.js';
import type * as locations from './locations-schema.js';
import type * as packaging from './packaging-schema.js';
import type * as people from './people-schema.js';
import type * as quoting from './quoting-schema.js';
import type * as priceRules from './price-rules-schema.js';
import type * as shopify from './shopify-schema.js';
import type * as storeLink from './store-link-schema.js';
import type * as woocommerce from './woocommerce-schema.js';

export type { PackageType, PlatformEnvironment, PlatformName, QuoteSource } from './vocabulary.js';
export type { ConnectionStatus } from './connections-schema.js';

// Primitives first: a branded number (Cents) is an intersection that would otherwise be mapped as an object.
export type DeepReadonly<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };
/** What a schema reads: an answer, or a body after parsing (defaults filled in). */
type Output<S extends z.ZodType> = DeepReadonly<z.output<S>>;
/** What a caller may send: fields with defaults are optional. */
type Input<S extends z.ZodType> = DeepReadonly<z.input<S>>;

// --- errors ------------------------------------------------------------------------------------
export type ErrorDetail = Output<typeof errors.errorDetailSchema>;
export type ErrorBody = Output<typeof errors.errorBodySchema>;

// --- platforms and connections -------------------------------------------------------------------
export type PlatformView = Output<typeof connections.platformViewSchema>;
export type ConnectionView = Output<typeof connections.connectionViewSchema>;
export type LastCheck = Output<typeof connections.lastCheckSchema>;
export type CheckOutcome = LastCheck['outcome'];
export type CheckTrigger = LastCheck['trigger'];
export type ConnectionEvent = Output<typeof connections.connectionEventSchema>;
export type ConnectionEventType = ConnectionEvent['type'];
export type ConnectBody = Input<typeof connections.connectBodySchema>;
export type ConnectionBudget = Output<typeof connections.connectionBudgetSchema>;
export type PlatformsResponse = Output<typeof connections.platformsResponseSchema>;
export type ConnectionsResponse = Output<typeof connections.connectionsResponseSchema>;
export type ConnectionResponse = Output<typeof connections.connectionResponseSchema>;
export type VerifyResponse = Output<typeof connections.verifyResponseSchema>;
export type ConnectionEventsResponse = Output<typeof connections.connectionEventsResponseSchema>;

// --- people, roles, sessions and activity ----------------------------------------------------------
export type Role = Output<typeof people.roleSchema>;
export type FrontEnd = Output<typeof people.frontEndSchema>;
export type SessionResponse = Output<typeof people.sessionResponseSchema>;
export type Person = Output<typeof people.personSchema>;
export type Invitation = Output<typeof people.invitationSchema>;
export type PeopleResponse = Output<typeof people.peopleResponseSchema>;
export type InviteBody = Input<typeof people.inviteBodySchema>;
export type InviteResponse = Output<typeof people.inviteResponseSchema>;
export type PersonResponse = Output<typeof people.personResponseSchema>;
export type ActivityEntry = Output<typeof people.activityEntrySchema>;
export type ActivityResponse = Output<typeof people.activityResponseSchema>;
export type AccessPolicy = Output<typeof people.accessPolicySchema>;
export type AccessPolicyResponse = Output<typeof people.accessPolicyResponseSchema>;

// --- locations and localities --------------------------------------------------------------------
export type PlatformRefs = Output<typeof locations.platformRefsSchema>;
/** A pickup location; the stored record and the answer are the same. */
export type LocationRecord = Output<typeof locations.locationSchema>;
export type DespatchSettings = Output<typeof locations.despatchSettingsSchema>;
export type LocationInput = Input<typeof locations.createLocationSchema>;
export type LocationUpdate = Input<typeof locations.updateLocationSchema>;
export type LocationResult = Output<typeof locations.locationResultSchema>;
export type WarehouseImport = Output<typeof locations.warehouseImportSchema>;
export type PlatformWarehouse = Output<typeof locations.platformWarehouseSchema>;
export type Locality = Output<typeof locations.localitySchema>;
export type LocationsResponse = Output<typeof locations.locationsResponseSchema>;
export type LocationResponse = Output<typeof locations.locationResponseSchema>;
export type LocationDeleted = Output<typeof locations.locationDeletedSchema>;
export type PlatformWarehousesResponse = Output<typeof locations.platformWarehousesResponseSchema>;
export type LocalitiesResponse = Output<typeof locations.localitiesResponseSchema>;

// --- packaging -----------------------------------------------------------------------------------
export type ProfileKey = Output<typeof packaging.profileKeySchema>;
export type PackagingPackage = Output<typeof packaging.packagingPackageSchema>;
export type PackagingProfile = Output<typeof packaging.packagingProfileSchema>;
export type DefaultBox = Output<typeof packaging.defaultBoxRecordSchema>;
export type ProfileInput = Input<typeof packaging.profileBodySchema>;
export type DefaultBoxInput = Input<typeof packaging.defaultBoxBodySchema>;
export type MissingDimensionsItem = Output<typeof packaging.missingDimensionsItemSchema>;
export type ProfilesPage = Output<typeof packaging.profilesPageSchema>;
export type ProfileResponse = Output<typeof packaging.profileResponseSchema>;
export type MissingDimensionsPage = Output<typeof packaging.missingDimensionsPageSchema>;
export type CsvImportResult = Output<typeof packaging.csvImportResultSchema>;
export type DefaultBoxResponse = Output<typeof packaging.defaultBoxResponseSchema>;
export type DefaultBoxSaved = Output<typeof packaging.defaultBoxSavedSchema>;
export type Box = Output<typeof packaging.boxRecordSchema>;
export type BoxInput = Input<typeof packaging.boxBodySchema>;
export type BoxesResponse = Output<typeof packaging.boxesResponseSchema>;
export type BoxResponse = Output<typeof packaging.boxResponseSchema>;
export type PackingSettings = Output<typeof packaging.packingSettingsRecordSchema>;
export type PackingSettingsInput = Input<typeof packaging.packingSettingsBodySchema>;
export type PackingSettingsResponse = Output<typeof packaging.packingSettingsResponseSchema>;
export type PackedBox = Output<typeof packaging.packedBoxSchema>;
export type GroupPacking = Output<typeof packaging.groupPackingSchema>;

// --- quoting -------------------------------------------------------------------------------------
/** The merchant's rules (`/rules`), with every default filled in. */
export type QuoteSettings = Output<typeof quoting.quoteSettingsSchema>;
export type FallbackRate = Output<typeof quoting.fallbackRateSchema>;
export type DeliveryAnswers = Output<typeof quoting.deliveryAnswersSchema>;
export type DeliveryQuestion = (typeof quoting.DELIVERY_QUESTIONS)[number];
export type DeliveryOptionsSettings = Output<typeof quoting.deliveryOptionsSettingsSchema>;
export type DeliveryOrigin = Output<typeof quoting.deliveryOriginSchema>;
export type ResolvedDelivery = Output<typeof quoting.resolvedDeliverySchema>;
export type Strategy = QuoteSettings['strategy'];
export type Rounding = QuoteSettings['rounding'];
export type PostcodeRule = Output<typeof priceRules.postcodeRuleSchema>;
export type PostcodeAction = Output<typeof priceRules.postcodeActionSchema>;
export type QuoteLineInput = Input<typeof quoting.quoteLineSchema>;
export type QuoteLine = Output<typeof quoting.quoteLineSchema>;
export type QuoteDestination = Output<typeof quoting.destinationSchema>;
/** The cart a front end hands the engine (and the test quote sends). */
export type QuoteRequest = Output<typeof quoting.quoteRequestSchema>;
export type TestQuoteBody = Input<typeof quoting.testQuoteBodySchema>;
export type Rate = Output<typeof quoting.rateSchema>;
export type RateLogEntry = Output<typeof quoting.rateLogEntrySchema>;
export type RulesResponse = Output<typeof quoting.rulesResponseSchema>;
export type TestQuoteResult = Output<typeof quoting.testQuoteResponseSchema>;
export type RateLogPage = Output<typeof quoting.rateLogPageSchema>;
export type RateLogEntryResponse = Output<typeof quoting.rateLogEntryResponseSchema>;

// --- the WooCommerce bridge's admin routes --------------------------------------------------------
export type StoreConnectionView = Output<typeof woocommerce.storeViewSchema>;
export type StoreLink = Output<typeof storeLink.storeLinkSchema>;
export type GrantCheck = Output<typeof storeLink.grantCheckSchema>;
export type StoreUnits = Output<typeof woocommerce.storeUnitsSchema>;
export type SyncView = Output<typeof woocommerce.syncViewSchema>;
export type ConnectorKeyView = Output<typeof woocommerce.connectorKeySchema>;
export type ListedConnectorKey = Output<typeof woocommerce.listedConnectorKeySchema>;
export type KeyCreator = Output<typeof woocommerce.keyCreatorSchema>;
export type CreatedConnectorKey = Output<typeof woocommerce.createdConnectorKeySchema>;
export type StoreResponse = Output<typeof woocommerce.storeResponseSchema>;
export type StoreBody = Input<typeof woocommerce.storeBodySchema>;
export type StoreConnectedResponse = Output<typeof woocommerce.storeConnectedResponseSchema>;
export type SyncResponse = Output<typeof woocommerce.syncResponseSchema>;
export type SyncStartedResponse = Output<typeof woocommerce.syncStartedResponseSchema>;
export type ConnectorKeysResponse = Output<typeof woocommerce.connectorKeysResponseSchema>;
export type ConnectorKeyResponse = Output<typeof woocommerce.connectorKeyResponseSchema>;

// --- the Shopify app's admin routes ---------------------------------------------------------------
export type CarrierServiceView = Output<typeof shopify.carrierServiceViewSchema>;
export type CarrierServiceResponse = Output<typeof shopify.carrierServiceResponseSchema>;
export type GoLiveResponse = Output<typeof shopify.goLiveResponseSchema>;
export type SyncProgress = Output<typeof shopify.syncProgressSchema>;
export type ShopifyContext = Output<typeof shopify.shopifyContextSchema>;

// --- incidents -----------------------------------------------------------------------------------
export type IncidentView = Output<typeof incidents.incidentViewSchema>;
export type IncidentKind = IncidentView['kind'];
export type IncidentsResponse = Output<typeof incidents.incidentsResponseSchema>;
