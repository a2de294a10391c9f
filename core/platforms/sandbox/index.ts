/** The sandbox adapter: `createSandboxPlatform` glues the mapper to the client. */
import type { FreightPlatform } from '../freight-platform.js';
import { createSandboxClient, SANDBOX_DISPLAY_NAME, type SandboxSettings } from './client.js';
import {
  buildQuoteRequest,
  parseLocalities,
  parseQuote,
  parseVerify,
  parseWarehouses,
  verifyFromTransport,
} from './mapper.js';

export type { SandboxSettings } from './client.js';

export function createSandboxPlatform(settings: SandboxSettings): FreightPlatform {
  const client = createSandboxClient(settings);
  return {
    name: 'sandbox',
    displayName: SANDBOX_DISPLAY_NAME,
    environments: ['live', 'test'],
    hasWarehouses: true,

    async verifyToken(credentials, signal) {
      const outcome = await client.ping(credentials, signal);
      return outcome.ok ? parseVerify(outcome.response) : verifyFromTransport(outcome.failure);
    },

    async quote(credentials, request, signal) {
      const outcome = await client.quote(credentials, buildQuoteRequest(request), signal);
      return outcome.ok ? parseQuote(outcome.response) : outcome;
    },

    async searchLocalities(credentials, query, signal) {
      const outcome = await client.localities(credentials, query, signal);
      return outcome.ok ? parseLocalities(outcome.response) : outcome;
    },

    async listWarehouses(credentials, signal) {
      const outcome = await client.warehouses(credentials, signal);
      return outcome.ok ? parseWarehouses(outcome.response) : outcome;
    },
  };
}
