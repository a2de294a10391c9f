import type { FreightPlatform, PlatformResult } from '../freight-platform.js';
import type { HttpOutcome, HttpResponse } from '../http-client.js';
import { createMachShipClient } from './client.js';
import type { MachShipSettings } from './client.js';
import {
  MACHSHIP_DISPLAY_NAME,
  companyLocationsRequest,
  localitySearchRequest,
  parseCompanyLocationsResponse,
  parseLocalitiesResponse,
  parseRoutesResponse,
  pingRequest,
  readPermissionProbe,
  readPingResponse,
  routesRequest,
  verifyOutcomeFromFailure,
} from './mapper.js';
import { resultWithoutToken, withoutToken } from '../platform-outcomes.js';

export type { MachShipSettings } from './client.js';

export function createMachShipPlatform(settings: MachShipSettings): FreightPlatform {
  const client = createMachShipClient(settings);

  return {
    name: 'machship',
    displayName: MACHSHIP_DISPLAY_NAME,
    // One host: a token is test or live according to the MachShip user it was created on.
    environments: ['live', 'test'],
    hasWarehouses: true,

    async verifyToken(credentials, signal) {
      const ping = await client.send(credentials.token, pingRequest, signal);
      const pinged = ping.ok ? readPingResponse(ping.response) : verifyOutcomeFromFailure(ping.failure);
      if (pinged !== 'authenticated') return withoutToken(pinged, credentials.token);
      const probe = await client.send(credentials.token, companyLocationsRequest, signal);
      const outcome = probe.ok
        ? readPermissionProbe(probe.response, credentials.environment)
        : verifyOutcomeFromFailure(probe.failure);
      return withoutToken(outcome, credentials.token);
    },

    async quote(credentials, request, signal) {
      const sent = await client.send(credentials.token, routesRequest(request), signal);
      return resultWithoutToken(read(sent, parseRoutesResponse), credentials.token);
    },

    async searchLocalities(credentials, query, signal) {
      const sent = await client.send(credentials.token, localitySearchRequest(query), signal);
      return resultWithoutToken(read(sent, parseLocalitiesResponse), credentials.token);
    },

    async listWarehouses(credentials, signal) {
      const sent = await client.send(credentials.token, companyLocationsRequest, signal);
      return resultWithoutToken(read(sent, parseCompanyLocationsResponse), credentials.token);
    },
  };
}

function read<T>(sent: HttpOutcome, parse: (response: HttpResponse) => PlatformResult<T>): PlatformResult<T> {
  return sent.ok ? parse(sent.response) : sent;
}
