/**
 * Big Post prices between LocalityIds (its PostcodeIds), which a checkout's destination does not carry:
 * they are looked up by suburb and remembered, since they are the same for every merchant.
 */
import { LRUCache } from 'lru-cache';
import type { PlatformCredentials, PlatformResult } from '../freight-platform.js';
import type { BigPostClient } from './client.js';
import {
  bigPostId,
  emptyLookupFailure,
  localitiesRequest,
  matchLocality,
  parseLocalities,
  unknownLocalityFailure,
  verifyRequest,
} from './mapper.js';
import type { Place } from './mapper.js';

export interface LocalityIdResolver {
  resolve(
    credentials: PlatformCredentials,
    place: Place,
    role: 'pickup' | 'delivery',
    signal?: AbortSignal,
  ): Promise<PlatformResult<number>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createLocalityIdResolver(client: BigPostClient): LocalityIdResolver {
  // Each lookup spends Big Post fair use (60 calls a minute) and a round trip inside the checkout deadline.
  const known = new LRUCache<string, number>({ max: 5_000, ttl: DAY_MS });

  /** Whether the token finds anything at all: an empty list for a real suburb may be the token's doing. */
  async function tokenFindsNothing(credentials: PlatformCredentials, signal?: AbortSignal): Promise<boolean> {
    const sent = await client.send(credentials, verifyRequest, signal);
    if (!sent.ok) return false;
    const read = parseLocalities(sent.response);
    return read.ok && read.value.length === 0;
  }

  return {
    async resolve(credentials, place, role, signal) {
      const key = [
        credentials.environment,
        place.suburb.trim().toUpperCase(),
        place.postcode,
        place.state,
      ].join('|');
      const remembered = known.get(key);
      if (remembered !== undefined) return { ok: true, value: remembered };

      const sent = await client.send(credentials, localitiesRequest(place.suburb), signal);
      if (!sent.ok) return sent;
      const read = parseLocalities(sent.response);
      if (!read.ok) return read;
      if (read.value.length === 0 && (await tokenFindsNothing(credentials, signal))) {
        return { ok: false, failure: emptyLookupFailure() };
      }
      const id = bigPostId(matchLocality(read.value, place)?.platformId);
      if (id === undefined) return { ok: false, failure: unknownLocalityFailure(place, role) };
      known.set(key, id);
      return { ok: true, value: id };
    },
  };
}
