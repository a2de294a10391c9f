/**
 * The admin API (docs/admin-api.md) as typed functions. Routes the lead or other front ends add later
 * (localities, product sync, carrier service, connector keys) are here too; the pages that use them treat
 * a 404 RB_ERR_ROUTE_NOT_FOUND as "not available on this server" rather than as a failure.
 */
import type { ApiClient } from './client';
import type {
  CarrierServiceResult,
  Connection,
  ConnectionEvent,
  ConnectorKey,
  CreatedConnectorKey,
  CsvImportResult,
  DefaultBox,
  Environment,
  Incident,
  Locality,
  Location,
  LocationInput,
  LocationResult,
  LocationUpdate,
  MissingDimensionsItem,
  PackagingProfile,
  Platform,
  PlatformName,
  ProductSync,
  ProfileInput,
  QuoteSource,
  RateLogEntry,
  Rules,
  TestQuote,
  TestQuoteRequest,
  WarehouseImport,
  WooCommerceStore,
} from './types';

const q = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
const id = encodeURIComponent;

export function createAdminApi(client: ApiClient) {
  const get = <T>(path: string, signal?: AbortSignal) => client.request<T>('GET', path, { signal });
  const post = <T>(path: string, json?: unknown) => client.request<T>('POST', path, { json: json ?? {} });
  const put = <T>(path: string, json: unknown) => client.request<T>('PUT', path, { json });
  const del = <T>(path: string) => client.request<T>('DELETE', path);
  const shopify = client.host.kind === 'shopify';

  return {
    host: client.host,

    platforms: () => get<{ platforms: Platform[] }>('/platforms').then((r) => r.platforms),

    incidents: () => get<{ incidents: Incident[] }>('/incidents').then((r) => r.incidents),

    connections: {
      list: () => get<{ connections: Connection[] }>('/connections').then((r) => r.connections),
      create: (body: { platform: PlatformName; environment: Environment; label: string; token: string }) =>
        post<{ connection: Connection }>('/connections', body).then((r) => r.connection),
      verify: (connectionId: string) =>
        post<{ connection: Connection; checked: boolean }>(`/connections/${id(connectionId)}/verify`),
      replaceToken: (connectionId: string, token: string) =>
        put<{ connection: Connection }>(`/connections/${id(connectionId)}/token`, { token }).then(
          (r) => r.connection,
        ),
      disconnect: (connectionId: string) => del<undefined>(`/connections/${id(connectionId)}`),
      events: (connectionId: string, offset: number, limit: number) =>
        get<{ events: ConnectionEvent[]; total: number }>(
          `/connections/${id(connectionId)}/events${q({ offset, limit })}`,
        ),
    },

    localities: (query: string, signal?: AbortSignal) =>
      get<{ localities: Locality[] }>(`/localities${q({ q: query, limit: 8 })}`, signal).then(
        (r) => r.localities,
      ),

    locations: {
      list: () => get<{ locations: Location[] }>('/locations').then((r) => r.locations),
      create: (body: LocationInput) => post<LocationResult>('/locations', body),
      update: (locationId: string, body: LocationUpdate) =>
        put<LocationResult>(`/locations/${id(locationId)}`, body),
      remove: (locationId: string) => del<{ defaultLocationId?: string }>(`/locations/${id(locationId)}`),
      makeDefault: (locationId: string) =>
        post<{ location: Location }>(`/locations/${id(locationId)}/default`).then((r) => r.location),
      importFromPlatform: (connectionId: string) =>
        post<WarehouseImport>('/locations/import-warehouses', { connectionId }),
    },

    packaging: {
      list: (offset = 0, limit = 50) =>
        get<{ profiles: PackagingProfile[]; total: number }>(`/packaging${q({ offset, limit })}`),
      put: (key: string, body: ProfileInput) =>
        put<{ profile: PackagingProfile }>(`/packaging/${id(key)}`, body).then((r) => r.profile),
      remove: (key: string) => del<undefined>(`/packaging/${id(key)}`),
      missing: (offset = 0, limit = 50) =>
        get<{ items: MissingDimensionsItem[]; total: number }>(
          `/packaging/missing-dimensions${q({ offset, limit })}`,
        ),
      importCsv: (csv: string) =>
        client.request<CsvImportResult>('POST', '/packaging/import', {
          text: { body: csv, contentType: 'text/csv' },
        }),
      exportCsv: () => client.blob('/packaging/export'),
      defaultBox: () =>
        get<{ defaultBox: DefaultBox | null }>('/packaging-settings/default-box').then((r) => r.defaultBox),
      setDefaultBox: (box: DefaultBox) =>
        put<{ defaultBox: DefaultBox }>('/packaging-settings/default-box', box).then((r) => r.defaultBox),
    },

    /** Product sync from the shop: the WooCommerce bridge standalone, the Shopify app embedded. */
    productSync: {
      /** null: no sync has run yet. */
      status: () => get<unknown>(shopify ? '/products/sync' : '/woocommerce/sync').then(toProductSync),
      start: () => post<unknown>(shopify ? '/products/sync' : '/woocommerce/sync').then(toProductSync),
    },

    /** The WooCommerce store connected to this (standalone) admin, or null. */
    woocommerceStore: () =>
      get<{ store: WooCommerceStore | null }>('/woocommerce/store').then((r) => r.store),

    rules: {
      get: () => get<{ rules: Rules }>('/rules').then((r) => r.rules),
      put: (rules: Rules) => put<{ rules: Rules }>('/rules', rules).then((r) => r.rules),
    },

    testQuote: (body: TestQuoteRequest) => post<TestQuote>('/quotes/test', body),

    rateLog: {
      list: (offset: number, limit: number, source?: QuoteSource) =>
        get<{ entries: RateLogEntry[]; total: number }>(`/rate-log${q({ offset, limit, source })}`),
      get: (entryId: string) => get<{ entry: RateLogEntry }>(`/rate-log/${id(entryId)}`).then((r) => r.entry),
    },

    connectorKeys: {
      list: () => get<{ keys: ConnectorKey[] }>('/connector-keys').then((r) => r.keys),
      create: (name: string) => post<CreatedConnectorKey>('/connector-keys', { name }),
      revoke: (keyId: string) => post<{ key: ConnectorKey }>(`/connector-keys/${id(keyId)}/revoke`),
    },

    carrierService: {
      /** The shop's RateBridge carrier service, if registered. */
      status: () =>
        get<{ carrierService: CarrierServiceResult['carrierService'] | null }>('/carrier-service').then(
          (r) => r.carrierService,
        ),
      create: () => post<CarrierServiceResult>('/carrier-service'),
    },
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

/**
 * The WooCommerce bridge answers `{sync: {status, done, total, finishedAt, error, …} | null}`; the Shopify
 * app a bare `{state: idle | running | done | failed, done, total, …}`. Both become one shape; "never ran"
 * (null, idle) becomes null.
 */
function toProductSync(body: unknown): ProductSync | null {
  const raw = (body && typeof body === 'object' && 'sync' in body ? body.sync : body) as Record<
    string,
    unknown
  > | null;
  if (!raw || typeof raw !== 'object') return null;
  const state = raw.status ?? raw.state;
  if (state === 'idle') return null;
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    state: state === 'running' || state === 'failed' ? state : 'completed',
    done: number(raw.done) ?? 0,
    total: number(raw.total),
    finishedAt: typeof raw.finishedAt === 'string' ? raw.finishedAt : null,
    error: typeof raw.error === 'string' ? raw.error : typeof raw.message === 'string' ? raw.message : null,
  };
}
