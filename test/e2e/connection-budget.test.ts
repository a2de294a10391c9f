/**
 * A connection's own request limits over the admin API: listed platforms show their published limits,
 * `PUT /connections/:id/budget` sets (or with null clears) the connection's, a body outside the schema is
 * a coded 400, another store's connection a 404, and checkout keeps to the connection's figure.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';

interface ConnectionBody {
  connection: { id: string; budget?: { perMinute?: number; perDay?: number } | null };
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe('connection request limits over the admin API', () => {
  let app: AppHarness;
  let merchant: TenantClient;
  let other: TenantClient;
  let connectionId: string;

  beforeAll(async () => {
    app = await startAppHarness();
    merchant = await app.signIn(`shop-${randomBytes(3).toString('hex')}`);
    other = await app.signIn(`shop-${randomBytes(3).toString('hex')}`);
    const token = await app.createSandboxToken('budgeted');
    const connected = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Budgeted',
      token,
    });
    connectionId = (connected.body as ConnectionBody).connection.id;
    await merchant.api('PUT', '/packaging-settings/default-box', {
      type: 'carton',
      lengthCm: 30,
      widthCm: 30,
      heightCm: 30,
      tareWeightKg: 0.5,
    });
    await app.running.serverApp.core.locations.create(merchant.tenant, {
      name: 'DC',
      suburb: 'Sydney',
      postcode: '2000',
      state: 'NSW',
    });
  });
  afterAll(() => app.close());

  it("lists each platform's published limits", async () => {
    const { body } = await merchant.api('GET', '/platforms');
    const platforms = (body as { platforms: { name: string; limits: unknown }[] }).platforms;
    expect(platforms.find((p) => p.name === 'sandbox')?.limits).toEqual({
      perMinute: 100_000,
      perDay: 10_000_000,
    });
  });

  it('refuses limits outside the schema with RB_ERR_VALIDATION, and other stores with 404', async () => {
    for (const budget of [{ perMinute: 0 }, { perMinute: 1.5 }, { perHour: 5 }, 'many']) {
      const refused = await merchant.api('PUT', `/connections/${connectionId}/budget`, { budget });
      expect(refused.status).toBe(400);
      expect((refused.body as ErrorBody).error.code).toBe('RB_ERR_VALIDATION');
    }
    const missing = await merchant.api('PUT', `/connections/${connectionId}/budget`, {});
    expect(missing.status).toBe(400);
    const foreign = await other.api('PUT', `/connections/${connectionId}/budget`, {
      budget: { perMinute: 9 },
    });
    expect(foreign.status).toBe(404);
    expect((foreign.body as ErrorBody).error.code).toBe('RB_ERR_NOT_FOUND');
    const still = await merchant.api('GET', `/connections/${connectionId}`);
    expect((still.body as ConnectionBody).connection.budget ?? null).toBeNull();
  });

  it("keeps checkout to the connection's own limit, and null goes back to the platform's", async () => {
    const set = await merchant.api('PUT', `/connections/${connectionId}/budget`, {
      budget: { perMinute: 5 },
    });
    expect(set.status).toBe(200);
    expect((set.body as ConnectionBody).connection.budget).toEqual({ perMinute: 5 });
    const events = await merchant.api('GET', `/connections/${connectionId}/events`);
    expect(JSON.stringify(events.body)).toContain('budget_changed');

    const quote = (grams: number) =>
      merchant.api('POST', '/quotes/test', {
        destination: { country: 'AU', postcode: '3000' },
        currency: 'AUD',
        lines: [{ sku: 'X', quantity: 1, grams, priceCents: 1000 }],
      });
    // Five requests a minute, of which connecting (the token check) already spent some.
    const outcomes: string[] = [];
    for (const grams of [1000, 2000, 3000, 4000, 5000, 6000]) {
      const { body } = await quote(grams);
      outcomes.push((body as { diagnostics: { outcome: string } }).diagnostics.outcome);
    }
    const live = outcomes.filter((outcome) => outcome === 'live').length;
    expect(live).toBeGreaterThan(0);
    expect(live).toBeLessThan(5);
    expect(outcomes.slice(live)).toEqual(Array(6 - live).fill('fallback'));

    const cleared = await merchant.api('PUT', `/connections/${connectionId}/budget`, { budget: null });
    expect((cleared.body as ConnectionBody).connection.budget).toBeNull();
    const { body } = await quote(7000);
    expect((body as { diagnostics: { outcome: string } }).diagnostics.outcome).toBe('live');
  });
});
