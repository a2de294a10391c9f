/**
 * SIGTERM on a running instance (`node dist/server.js`, as an orchestrator stops it during a deploy):
 * checkouts already in flight are answered in full, with live rates, new connections are refused at once,
 * and the process exits 0. The instance shares Redis with one in this process, which sets the store up.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { probeRedis, REDIS_TEST_URL, testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';

const redis = await probeRedis();
const TENANT = 'woo:drain.example.com';
const PLATFORM_LATENCY_MS = 1200;

/** When a TCP connection to `url` was first refused, or 0 if it never was within `withinMs`. */
async function untilRefused(url: URL, withinMs: number): Promise<number> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: url.hostname, port: Number(url.port) });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    if (refused) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return 0;
}

describe.skipIf(!redis.ok)('SIGTERM drains in-flight checkouts', () => {
  const keys = `drain1:${randomBytes(32).toString('base64')}`;
  const prefix = `rbtest:drain:${randomBytes(4).toString('hex')}:`;
  let app: AppHarness;
  let child: AppProcess;
  let removeDir: () => Promise<void>;
  let key: { id: string; secret: string };

  beforeAll(async () => {
    app = await startAppHarness({
      env: { RATEBRIDGE_KEYS: keys, LOG_LEVEL: 'warn' },
      core: { store: testRedisStore(prefix) },
    });
    const merchant = await app.signIn(TENANT);
    const token = await app.createSandboxToken('drain');
    const connection = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
    expect((await merchant.api('POST', '/connections', connection)).status).toBe(201);
    const depot = { name: 'Sydney DC', suburb: 'Sydney', postcode: '2000', state: 'NSW' };
    expect((await merchant.api('POST', '/locations', depot)).status).toBe(201);
    const box = { type: 'carton', lengthCm: 60, widthCm: 40, heightCm: 30, weightKg: 12 };
    expect((await merchant.api('PUT', '/packaging/sku%3ADRAIN', { packages: [box] })).status).toBe(200);
    const created = (await merchant.api('POST', '/connector-keys', { name: 'Drain' })).body as {
      key: { id: string };
      secret: string;
    };
    key = { id: created.key.id, secret: created.secret };
    const dir = await tempDir('drain-child');
    removeDir = dir.remove;
    child = await startAppProcess({
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
      RATEBRIDGE_KEYS: keys,
      SANDBOX_URL: app.sandbox.url,
      DATA_DIR: dir.dir,
    });
  }, 60_000);

  afterAll(async () => {
    await child?.kill('SIGKILL');
    await app?.store.deleteTenant(TENANT);
    await app?.close();
    await removeDir?.();
  });

  const checkout = (n: number) => {
    const body = JSON.stringify({
      currency: 'AUD',
      units: { weight: 'kg', dimension: 'cm' },
      request_id: randomBytes(8).toString('hex'),
      package: {
        destination: { country: 'AU', state: 'VIC', postcode: '3000', city: 'Melbourne' },
        // A different quantity each: no checkout is answered from another's cached quote.
        contents: [{ product_id: 7, sku: 'DRAIN', quantity: n, line_total: '100.00' }],
      },
    });
    return fetch(`${child.url}/woocommerce/rates`, {
      method: 'POST',
      headers: { ...pluginHeaders(key.id, key.secret, body), 'x-ratebridge-timeout-ms': '5000' },
      body,
    });
  };

  it('answers the checkouts in flight with live rates, refuses new connections, and exits 0', async () => {
    const behaviour = await fetch(`${app.sandbox.url}/behaviour`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: PLATFORM_LATENCY_MS }),
    });
    expect(behaviour.status).toBe(200);
    const inFlight = [1, 2, 3, 4].map((n) => checkout(n));
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.child.kill('SIGTERM');
    let answeredAt = 0;
    const answered = Promise.all(inFlight).finally(() => (answeredAt = Date.now()));
    // New connections are refused while the checkouts in flight are still waiting on the platform.
    const refusedAt = await untilRefused(new URL(child.url), 2000);
    const responses = await answered;
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThan(answeredAt);

    for (const response of responses) {
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { rates: { meta_data: { ratebridge_source: string } }[] };
      expect(answer.rates.length).toBeGreaterThan(0);
      expect(answer.rates.every((rate) => rate.meta_data.ratebridge_source === 'live')).toBe(true);
    }
    expect(await child.exited).toEqual({ code: 0, signal: null });
  }, 30_000);
});
