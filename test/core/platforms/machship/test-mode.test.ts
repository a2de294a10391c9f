/**
 * Test or live on MachShip: the document puts `isInTestMode` only on carrier accounts (each priced
 * route's `carrierAccount`), not on users or company locations, so a token check cannot tell and says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FreightPlatform } from '../../../../core/platforms/freight-platform.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';
import { quoteRequest } from './quote-fixtures.js';

describe('MachShip test and live', () => {
  let fake: MachShipFake;
  let platform: FreightPlatform;

  beforeEach(async () => {
    fake = new MachShipFake({ 'test-user-token-not-real': { testMode: true }, 'live-token-not-real': {} });
    const { url } = await fake.start();
    platform = createMachShipPlatform({ baseUrl: url, timeoutMs: 2_000 });
  });

  afterEach(() => fake.stop());

  it.each(['live', 'test'] as const)(
    'a token check chosen as %s claims neither environment, whatever the user is',
    async (environment) => {
      for (const token of ['test-user-token-not-real', 'live-token-not-real']) {
        const outcome = await platform.verifyToken({ token, environment });
        expect(outcome.status).toBe('valid');
        expect(outcome).not.toHaveProperty('account');
        expect(outcome.detail).toContain('MachShip does not tell whether');
      }
    },
  );

  it('each quote notes whether its carrier account is in test mode', async () => {
    const signal = AbortSignal.timeout(5_000);
    const test = await platform.quote(
      { token: 'test-user-token-not-real', environment: 'test' },
      quoteRequest,
      signal,
    );
    const live = await platform.quote(
      { token: 'live-token-not-real', environment: 'live' },
      quoteRequest,
      signal,
    );
    expect(test.ok && test.value.map((option) => option.notes)).toEqual([
      { testMode: true },
      { testMode: true },
    ]);
    expect(live.ok && live.value.map((option) => option.notes)).toEqual([
      { testMode: false },
      { testMode: false },
    ]);
  });
});
