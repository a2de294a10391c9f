/**
 * Asking the tenant's connected freight platforms whether they know a pickup suburb. A platform that
 * cannot confirm it (does not list it, or does not answer within a few seconds) produces a warning, never
 * a refusal: the merchant may save the location and fix it later. A platform whose pickup reference is
 * the suburb's own id (`pickupRef.kind === 'locality'`, Big Post's LocalityId) has it kept with the
 * location, and cached for 30 days, since it is the same for every merchant.
 */
import { suburbKey } from '../localities/index.js';
import type { Logger } from '../logger.js';
import type {
  FreightPlatform,
  Locality,
  PlatformEnvironment,
  PlatformName,
  PlatformRefs,
  PlatformWarehouse,
} from '../platforms/freight-platform.js';
import type { Store } from '../storage/store.js';
import type { TokenLifecycle, UsableConnection } from '../tokens/token-lifecycle.js';
import type { CheckedAddress } from './address-check.js';

export type LocationTokens = Pick<TokenLifecycle, 'usableConnections' | 'get' | 'reportUnauthorized'>;

export interface PlatformCheckDeps {
  readonly store: Store;
  readonly tokens: LocationTokens;
  readonly logger: Logger;
  readonly timeoutMs: number;
}

export interface PlatformCheck {
  readonly warnings: readonly string[];
  /** The suburb's own reference on each platform that prices pickups by it and knows the suburb. */
  readonly platformRefs: PlatformRefs;
}

export const LOCALITY_REF_TTL_MS = 30 * 24 * 60 * 60_000;

/** For Big Post this is `bigpost-locality:…`, the key LocalityIds were cached under before. */
export const localityRefCacheKey = (
  platform: PlatformName,
  environment: PlatformEnvironment,
  address: CheckedAddress,
): string =>
  `${platform}-locality:${environment}:${suburbKey(address.suburb)}|${address.postcode}|${address.state}`;

const keepsLocalityRef = (platform: FreightPlatform): boolean => platform.pickupRef.kind === 'locality';

type Confirmation =
  | { readonly known: true; readonly platformId?: string }
  | { readonly known: false }
  | { readonly failed: string };

/**
 * Checks the address with each active connection (one call per platform and environment, concurrently).
 * `skip` leaves out connections that need no asking (the one a warehouse was imported from).
 */
export async function confirmWithPlatforms(
  deps: PlatformCheckDeps,
  tenant: string,
  address: CheckedAddress,
  skip: (usable: UsableConnection) => boolean = () => false,
): Promise<PlatformCheck> {
  const usable = await deps.tokens.usableConnections(tenant);
  const seen = new Set<string>();
  const asked = usable
    .filter((connection) => !skip(connection))
    // Live first, so a live locality reference is the one kept; then by platform, so warnings keep an order.
    .sort(
      (a, b) =>
        Number(a.credentials.environment !== 'live') - Number(b.credentials.environment !== 'live') ||
        a.platform.name.localeCompare(b.platform.name),
    )
    .filter((connection) => {
      const key = `${connection.platform.name}|${connection.credentials.environment}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });

  const answers = await Promise.all(
    asked.map(async (connection) => ({
      connection,
      answer: await confirmOne(deps, tenant, connection, address),
    })),
  );
  const warnings: string[] = [];
  const platformRefs: Partial<Record<PlatformName, string>> = {};
  for (const { connection, answer } of answers) {
    const who = `${connection.platform.displayName} ("${connection.connection.label}")`;
    const where = `${address.suburb.toUpperCase()} ${address.postcode} ${address.state}`;
    if ('failed' in answer) {
      warnings.push(
        `${who} could not confirm ${where} just now: ${answer.failed} The location was saved; save it again later to re-check.`,
      );
    } else if (!answer.known) {
      warnings.push(
        `${who} does not list ${where}. Quotes from this location through it may fail: check the suburb and postcode.`,
      );
    } else if (
      keepsLocalityRef(connection.platform) &&
      answer.platformId &&
      platformRefs[connection.platform.name] === undefined
    ) {
      platformRefs[connection.platform.name] = answer.platformId;
    }
  }
  return { warnings, platformRefs };
}

async function confirmOne(
  deps: PlatformCheckDeps,
  tenant: string,
  usable: UsableConnection,
  address: CheckedAddress,
): Promise<Confirmation> {
  const keepsRef = keepsLocalityRef(usable.platform);
  const cacheKey = localityRefCacheKey(usable.platform.name, usable.credentials.environment, address);
  if (keepsRef) {
    const cached = await deps.store.cacheGet(cacheKey);
    if (typeof cached === 'string') return { known: true, platformId: cached };
  }
  // Each adapter uses what its platform's search takes of "suburb postcode" (freight-platform.ts).
  const result = await usable.platform.searchLocalities(
    usable.credentials,
    `${address.suburb} ${address.postcode}`,
    AbortSignal.timeout(deps.timeoutMs),
  );
  if (!result.ok) {
    if (result.failure.reason === 'unauthorized') {
      deps.tokens
        .reportUnauthorized(tenant, usable.connection.id, result.failure.detail)
        .catch((error: unknown) =>
          deps.logger.error({ err: error, tenant }, 'reporting a revoked token failed'),
        );
    }
    deps.logger.info(
      { tenant, connectionId: usable.connection.id, reason: result.failure.reason },
      'platform could not confirm a pickup suburb',
    );
    return { failed: sentence(result.failure.detail) };
  }
  const match = result.value.find((locality) => sameLocality(locality, address));
  if (!match) return { known: false };
  if (keepsRef && match.platformId !== undefined) {
    await deps.store.cacheSet(cacheKey, match.platformId, LOCALITY_REF_TTL_MS);
  }
  return { known: true, ...(match.platformId === undefined ? {} : { platformId: match.platformId }) };
}

function sameLocality(locality: Locality, address: CheckedAddress): boolean {
  return (
    locality.postcode === address.postcode &&
    locality.state === address.state &&
    suburbKey(locality.suburb) === suburbKey(address.suburb)
  );
}

/** Whether a platform warehouse is at this address (same suburb, postcode and state). */
export function sameAddress(
  a: { readonly suburb: string; readonly postcode: string; readonly state: string },
  b: PlatformWarehouse | CheckedAddress,
): boolean {
  return a.postcode === b.postcode && a.state === b.state && suburbKey(a.suburb) === suburbKey(b.suburb);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
