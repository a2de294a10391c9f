/**
 * The admin API (docs/admin-api.md) as typed functions. Routes the lead or other front ends add later
 * (localities, product sync, carrier service, connector keys) are here too; the pages that use them treat
 * a 404 RB_ERR_ROUTE_NOT_FOUND as "not available on this server" rather than as a failure.
 */
import type {
  AccessPolicy,
  AccessPolicyResponse,
  ActivityResponse,
  BoxInput,
  BoxResponse,
  BoxesResponse,
  CarrierServiceResponse,
  ConnectBody,
  ConnectionEventsResponse,
  ConnectionResponse,
  ConnectionsResponse,
  ConnectorKeyResponse,
  ConnectorKeysResponse,
  CreatedConnectorKey,
  CsvImportResult,
  DefaultBoxInput,
  DefaultBoxResponse,
  DefaultBoxSaved,
  GoLiveResponse,
  GrantCheck,
  IncidentsResponse,
  InviteBody,
  InviteResponse,
  LocalitiesResponse,
  LocationDeleted,
  LocationInput,
  LocationResponse,
  LocationResult,
  LocationUpdate,
  LocationsResponse,
  MissingDimensionsPage,
  PeopleResponse,
  PersonResponse,
  PackingSettingsInput,
  PackingSettingsResponse,
  PlatformsResponse,
  ProfileInput,
  ProfileResponse,
  ProfilesPage,
  QuoteSettings,
  QuoteSource,
  RateLogEntryResponse,
  RateLogPage,
  Role,
  RulesResponse,
  SessionResponse,
  StoreBody,
  StoreConnectedResponse,
  StoreResponse,
  SyncProgress,
  SyncResponse,
  SyncStartedResponse,
  TestQuoteBody,
  TestQuoteResult,
  VerifyResponse,
  WarehouseImport,
} from '../../../core/wire/admin-api-types';
import type { ApiClient } from './client';

/** Product sync from the shop (WooCommerce bridge or Shopify app), as the UI shows it: both in one shape. */
export interface ProductSync {
  readonly state: 'running' | 'completed' | 'failed';
  readonly done: number;
  /** Known once the shop said how many products it has. */
  readonly total: number | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

const q = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
const id = encodeURIComponent;

export function createAdminApi(client: ApiClient) {
  const http = verbs(client);
  const { get, post, put } = http;

  return {
    host: client.host,

    platforms: () => get<PlatformsResponse>('/platforms').then((r) => r.platforms),

    incidents: () => get<IncidentsResponse>('/incidents').then((r) => r.incidents),

    /** Who is signed in, with which role: the UI shows only what that role may do. */
    session: () => get<SessionResponse>('/session'),

    /** The store's trail of changes: who, when, from which front end. */
    activity: (offset: number, limit: number) => get<ActivityResponse>(`/activity${q({ offset, limit })}`),

    people: peopleApi(http),

    /** Shopify only: who of the shop's staff may change tokens, keys and settings. */
    accessPolicy: {
      get: () => get<AccessPolicyResponse>('/access-policy'),
      put: (policy: AccessPolicy) => put<AccessPolicyResponse>('/access-policy', policy),
    },

    connections: connectionsApi(http),

    localities: (query: string, signal?: AbortSignal) =>
      get<LocalitiesResponse>(`/localities${q({ q: query, limit: 8 })}`, signal).then((r) => r.localities),

    locations: locationsApi(http),

    packaging: packagingApi(http, client),

    productSync: productSyncApi(http, client.host.kind === 'shopify'),

    /** The WooCommerce store connected to this (standalone) admin, or null. */
    woocommerceStore: () => get<StoreResponse>('/woocommerce/store').then((r) => r.store),

    woocommerce: {
      /** What WooCommerce's key grant needs, checked before the merchant is sent to the store. */
      grantCheck: (storeUrl: string) => get<GrantCheck>(`/woocommerce/grant-check${q({ storeUrl })}`),
      /** Connects by keys pasted from WooCommerce → Settings → Advanced → REST API. */
      connect: (body: StoreBody) =>
        post<StoreConnectedResponse>('/woocommerce/store', body).then((r) => r.store),
    },

    rules: {
      get: () => get<RulesResponse>('/rules').then((r) => r.rules),
      put: (rules: QuoteSettings) => put<RulesResponse>('/rules', rules).then((r) => r.rules),
    },

    testQuote: (body: TestQuoteBody) => post<TestQuoteResult>('/quotes/test', body),

    rateLog: {
      list: (offset: number, limit: number, source?: QuoteSource) =>
        get<RateLogPage>(`/rate-log${q({ offset, limit, source })}`),
      get: (entryId: string) => get<RateLogEntryResponse>(`/rate-log/${id(entryId)}`).then((r) => r.entry),
    },

    connectorKeys: {
      list: () => get<ConnectorKeysResponse>('/connector-keys').then((r) => r.keys),
      create: (name: string) => post<CreatedConnectorKey>('/connector-keys', { name }),
      revoke: (keyId: string) => post<ConnectorKeyResponse>(`/connector-keys/${id(keyId)}/revoke`),
    },

    carrierService: {
      /** The shop's RateBridge carrier service, if registered. */
      status: () => get<CarrierServiceResponse>('/carrier-service').then((r) => r.carrierService),
      create: () => post<GoLiveResponse>('/carrier-service'),
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

type Verbs = ReturnType<typeof verbs>;

/** The four HTTP verbs the API uses, typed by their answer. */
function verbs(client: ApiClient) {
  return {
    get: <T>(path: string, signal?: AbortSignal) => client.request<T>('GET', path, { signal }),
    post: <T>(path: string, json?: unknown) => client.request<T>('POST', path, { json: json ?? {} }),
    put: <T>(path: string, json: unknown) => client.request<T>('PUT', path, { json }),
    del: <T>(path: string) => client.request<T>('DELETE', path),
  };
}

/** The standalone store's people and invitations (owners only). */
function peopleApi({ get, post, put, del }: Verbs) {
  return {
    list: () => get<PeopleResponse>('/people'),
    invite: (body: InviteBody) => post<InviteResponse>('/people/invitations', body),
    withdraw: (invitationId: string) => del<undefined>(`/people/invitations/${id(invitationId)}`),
    setRole: (personId: string, role: Role) =>
      put<PersonResponse>(`/people/${id(personId)}/role`, { role }).then((r) => r.person),
    remove: (personId: string) => del<undefined>(`/people/${id(personId)}`),
  };
}

function connectionsApi({ get, post, put, del }: Verbs) {
  return {
    list: () => get<ConnectionsResponse>('/connections').then((r) => r.connections),
    create: (body: ConnectBody) => post<ConnectionResponse>('/connections', body).then((r) => r.connection),
    verify: (connectionId: string) => post<VerifyResponse>(`/connections/${id(connectionId)}/verify`),
    replaceToken: (connectionId: string, token: string) =>
      put<ConnectionResponse>(`/connections/${id(connectionId)}/token`, { token }).then((r) => r.connection),
    disconnect: (connectionId: string) => del<undefined>(`/connections/${id(connectionId)}`),
    events: (connectionId: string, offset: number, limit: number) =>
      get<ConnectionEventsResponse>(`/connections/${id(connectionId)}/events${q({ offset, limit })}`),
  };
}

function locationsApi({ get, post, put, del }: Verbs) {
  return {
    list: () => get<LocationsResponse>('/locations').then((r) => r.locations),
    create: (body: LocationInput) => post<LocationResult>('/locations', body),
    update: (locationId: string, body: LocationUpdate) =>
      put<LocationResult>(`/locations/${id(locationId)}`, body),
    remove: (locationId: string) => del<LocationDeleted>(`/locations/${id(locationId)}`),
    makeDefault: (locationId: string) =>
      post<LocationResponse>(`/locations/${id(locationId)}/default`).then((r) => r.location),
    importFromPlatform: (connectionId: string) =>
      post<WarehouseImport>('/locations/import-warehouses', { connectionId }),
  };
}

function packagingApi({ get, post, put, del }: Verbs, client: ApiClient) {
  return {
    boxes: boxesApi({ get, post, put, del }),
    list: (offset = 0, limit = 50) => get<ProfilesPage>(`/packaging${q({ offset, limit })}`),
    put: (key: string, body: ProfileInput) =>
      put<ProfileResponse>(`/packaging/${id(key)}`, body).then((r) => r.profile),
    remove: (key: string) => del<undefined>(`/packaging/${id(key)}`),
    missing: (offset = 0, limit = 50) =>
      get<MissingDimensionsPage>(`/packaging/missing-dimensions${q({ offset, limit })}`),
    importCsv: (csv: string) =>
      client.request<CsvImportResult>('POST', '/packaging/import', {
        text: { body: csv, contentType: 'text/csv' },
      }),
    exportCsv: () => client.blob('/packaging/export'),
    defaultBox: () => get<DefaultBoxResponse>('/packaging-settings/default-box').then((r) => r.defaultBox),
    setDefaultBox: (box: DefaultBoxInput) =>
      put<DefaultBoxSaved>('/packaging-settings/default-box', box).then((r) => r.defaultBox),
  };
}

/** The merchant's boxes and when cartons go onto pallets (docs/admin-api.md "Boxes"). */
function boxesApi({ get, post, put, del }: Pick<Verbs, 'get' | 'post' | 'put' | 'del'>) {
  return {
    list: () => get<BoxesResponse>('/packaging/boxes').then((r) => r.boxes),
    create: (body: BoxInput) => post<BoxResponse>('/packaging/boxes', body).then((r) => r.box),
    replace: (boxId: string, body: BoxInput) =>
      put<BoxResponse>(`/packaging/boxes/${id(boxId)}`, body).then((r) => r.box),
    remove: (boxId: string) => del<undefined>(`/packaging/boxes/${id(boxId)}`),
    settings: () => get<PackingSettingsResponse>('/packaging-settings/packing').then((r) => r.settings),
    setSettings: (body: PackingSettingsInput) =>
      put<PackingSettingsResponse>('/packaging-settings/packing', body).then((r) => r.settings),
  };
}

/** Product sync from the shop: the WooCommerce bridge standalone, the Shopify app embedded. */
function productSyncApi({ get, post }: Verbs, shopify: boolean) {
  return {
    /** null: no sync has run yet. */
    status: () =>
      get<SyncResponse | SyncProgress>(shopify ? '/products/sync' : '/woocommerce/sync').then(toProductSync),
    start: () =>
      post<SyncStartedResponse | SyncProgress>(shopify ? '/products/sync' : '/woocommerce/sync').then(
        toProductSync,
      ),
  };
}

/**
 * The WooCommerce bridge answers `{sync: SyncView | null}`; the Shopify app a bare SyncProgress (`state:
 * idle | running | done | failed`). Both become one shape; "never ran" (null, idle) becomes null.
 */
function toProductSync(body: SyncResponse | SyncStartedResponse | SyncProgress): ProductSync | null {
  if ('sync' in body) {
    const { sync } = body;
    if (!sync) return null;
    const { status, done, total, finishedAt, error } = sync;
    return { state: status, done, total, finishedAt, error };
  }
  const { state, done, total, finishedAt, error } = body;
  if (state === 'idle') return null;
  return { state: state === 'done' ? 'completed' : state, done, total, finishedAt, error };
}
