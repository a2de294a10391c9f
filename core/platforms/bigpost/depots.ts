/**
 * Big Post's depots near the buyer: `GET /api/depots?p=POSTCODE&s=SUBURB` answers a bare array of
 * `{DepotId, DepotName, Address, Suburb, State, Postcode}` (the plugin's MISC:174-196, SM:2038-2060), which
 * the plugin reads as nearest first (it sends the first one's DepotId as the buyer's nearest depot,
 * SM:1696). Pure: the request and the reading of its answer.
 */
import { z } from 'zod';
import type { PlatformFailure, PlatformResult } from '../freight-platform.js';
import type { HttpResponse } from '../http-client.js';
import type { BigPostRequest, Place } from './mapper.js';

export interface BigPostDepot {
  readonly id: number;
  readonly name: string;
  readonly suburb: string;
}

const depotSchema = z.looseObject({
  DepotId: z.coerce.number().int().positive(),
  DepotName: z.string().trim().min(1),
  Suburb: z.string().trim().nullish(),
});

export function depotsRequest(place: Place): BigPostRequest {
  const query = `p=${encodeURIComponent(place.postcode)}&s=${encodeURIComponent(place.suburb.trim())}`;
  return { method: 'GET', path: `/api/depots?${query}` };
}

/** The depots in Big Post's order (nearest first); rows in another shape are left out. */
export function parseDepots(response: HttpResponse): PlatformResult<readonly BigPostDepot[]> {
  if (response.status !== 200 || !Array.isArray(response.body)) {
    return { ok: false, failure: unreadable(response.status) };
  }
  const depots: BigPostDepot[] = [];
  for (const raw of response.body) {
    const depot = depotSchema.safeParse(raw);
    if (depot.success) {
      depots.push({ id: depot.data.DepotId, name: depot.data.DepotName, suburb: depot.data.Suburb ?? '' });
    }
  }
  return { ok: true, value: depots };
}

function unreadable(status: number): PlatformFailure {
  return {
    reason: 'bad_response',
    httpStatus: status,
    detail: `Big Post answered the depot lookup with something RateBridge cannot read (HTTP ${status}).`,
  };
}

/** "SYDNEY SOUTH" -> "Sydney South", for the rate's name. */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (letter) => letter.toUpperCase());
}
