/** The sandbox adapter: `createSandboxPlatform` glues the mapper to the client. */
import type { FreightPlatform } from '../freight-platform.js';
import { createSandboxClient, SANDBOX_DISPLAY_NAME, type SandboxSettings } from './client.js';
import {
  localitiesRequest,
  parseLocalities,
  parseQuote,
  parseVerify,
  parseWarehouses,
  quoteRequest,
  verifyOutcomeFromFailure,
  verifyRequest,
  warehousesRequest,
} from './mapper.js';

export type { SandboxSettings } from './client.js';

export function createSandboxPlatform(settings: SandboxSettings): FreightPlatform {
  const client = createSandboxClient(settings);
  return {
    name: 'sandbox',
    displayName: SANDBOX_DISPLAY_NAME,
    environments: ['live', 'test'],
    hasWarehouses: true,
    // Ours and local: high enough never to matter, present so the contract is the same everywhere.
    limits: { perMinute: 100_000, perDay: 10_000_000 },
    pickupRef: { kind: 'none' },

    async verifyToken(credentials, signal) {
      const outcome = await client.send(credentials, verifyRequest, signal);
      return outcome.ok ? parseVerify(outcome.response) : verifyOutcomeFromFailure(outcome.failure);
    },

    async quote(credentials, request, signal) {
      const outcome = await client.send(credentials, quoteRequest(request), signal);
      return outcome.ok ? parseQuote(outcome.response) : outcome;
    },

    async searchLocalities(credentials, query, signal) {
      const outcome = await client.send(credentials, localitiesRequest(query), signal);
      return outcome.ok ? parseLocalities(outcome.response) : outcome;
    },

    async listWarehouses(credentials, signal) {
      const outcome = await client.send(credentials, warehousesRequest, signal);
      return outcome.ok ? parseWarehouses(outcome.response) : outcome;
    },
  };
}
