/**
 * RateBridge as `npm run bench` loads it, in a process of its own: the real server (helmet, request
 * logging at info, both checkout callbacks) over the embedded store, or Redis when REDIS_URL is set (under a
 * key prefix of its own, removed at the end), quoting a sandbox platform. The parent drives it over IPC:
 * memory samples, the in-process cache-hit rate, the latency sections, stop.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createCore } from '../core/ratebridge.js';
import { createLogger } from '../core/logger.js';
import { loadConfig } from '../core/config.js';
import { openEmbeddedStore } from '../core/storage/embedded-store.js';
import { startSandboxServer } from '../core/platforms/sandbox/sandbox-server.js';
import { asTenantId } from '../core/ids.js';
import { GLOBAL_TENANT } from '../core/storage/store.js';
import { withSecretScope } from '../core/security/redact.js';
import { DEFAULT_SHOPIFY_API_VERSION } from '../shopify-app/shopify-config.js';
import { hashCallbackKey } from '../shopify-app/carrier-service-registration.js';
import { startServer } from '../server.js';
import { tempDir } from '../test/support/temp-dir.js';
import { latencySections } from './latency-sections.js';

export const WAREHOUSES = [
  ['Sydney', '2000', 'NSW'],
  ['Melbourne', '3000', 'VIC'],
  ['Brisbane City', '4000', 'QLD'],
  ['Adelaide', '5000', 'SA'],
  ['Perth', '6000', 'WA'],
  ['Hobart', '7000', 'TAS'],
  ['Darwin', '0800', 'NT'],
  ['Canberra', '2600', 'ACT'],
  ['Newcastle', '2300', 'NSW'],
  ['Geelong', '3220', 'VIC'],
] as const;

export const SHOP = 'bench-shop.myshopify.com';
export const WOO_TENANT = 'woo:bench.example.com';
const DEADLINE_MS = 2500;
const redisPrefix = `rbbench:${randomBytes(4).toString('hex')}:`;

async function start() {
  const logger = createLogger({ level: 'error' });
  const sandboxDir = await tempDir('bench-sandbox');
  const appDir = await tempDir('bench-app');
  const sandboxStore = await openEmbeddedStore({ dataDir: sandboxDir.dir });
  const sandbox = await startSandboxServer({ store: sandboxStore, logger });
  const redisUrl = process.env.REDIS_URL;
  const config = loadConfig({
    // test: the sandbox platform is refused in production; logging is production's all the same.
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'https://bench.example.com',
    LOG_LEVEL: 'info',
    DATA_DIR: appDir.dir,
    SANDBOX_URL: sandbox.url,
    RATEBRIDGE_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    QUOTE_DEADLINE_MS: String(DEADLINE_MS),
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix } : {}),
  });
  // Production's logger: JSON lines at info, one per request, to stdout (the parent discards it).
  const appLogger = createLogger({ level: 'info' });
  const core = await createCore({ config, logger: appLogger });
  const apiSecret = randomBytes(24).toString('base64url');
  const running = await startServer(config, appLogger, core, {
    shopify: {
      enabled: true,
      apiKey: 'benchclientid',
      apiSecret,
      appUrl: 'http://127.0.0.1',
      scopes: ['write_shipping'],
      apiVersion: DEFAULT_SHOPIFY_API_VERSION,
    },
  });
  return { sandbox, sandboxStore, sandboxDir, appDir, core, running, apiSecret, redisUrl };
}
type Started = Awaited<ReturnType<typeof start>>;

/** A sandbox token, ten warehouses and a packaging profile per SKU, for one tenant. */
async function setUpTenant(started: Started, tenantName: string, token: string): Promise<void> {
  const { core } = started;
  const tenant = asTenantId(tenantName);
  await withSecretScope(() =>
    core.tokens.connect(tenant, { platform: 'sandbox', environment: 'test', label: 'Bench', token }),
  );
  for (const [index, [suburb, postcode, state]] of WAREHOUSES.entries()) {
    const { location } = await core.locations.create(tenant, {
      name: `${suburb} DC`,
      suburb,
      postcode,
      state,
    });
    await core.catalog.upsertProfile(tenant, `sku:SKU-${index}`, {
      packages: [{ type: 'carton', lengthCm: 50, widthCm: 40, heightCm: 30, weightKg: 8 }],
      locationIds: [location.id],
    });
  }
}

async function sandboxToken(sandboxUrl: string): Promise<string> {
  const response = await fetch(`${sandboxUrl}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `bench-${randomBytes(3).toString('hex')}`, environment: 'test' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** The Shopify shop's callback key, registered as carrier-service registration records it. */
async function shopifyCallbackKey(started: Started): Promise<string> {
  const key = randomBytes(32).toString('base64url');
  await started.core.store.putDoc(
    { tenant: GLOBAL_TENANT, kind: 'shopify-callback-keys', id: hashCallbackKey(key) },
    { shop: SHOP },
  );
  return key;
}

/**
 * Cache-hit quotes per second through the engine alone (rate-log write included). `memo`: the same cart
 * every time, answered from the first answer (core/quoting/answer-memo.ts); otherwise each cart's price
 * differs (the answer memo misses) while what the platform is asked does not (every group is a quote-cache
 * hit): the engine's whole path on a cache hit.
 */
async function inProcessRate(started: Started, ms: number, memo: boolean): Promise<number> {
  const cart = (priceCents: number) => ({
    destination: { country: 'AU', postcode: '2000' },
    currency: 'AUD',
    lines: [{ sku: 'SKU-0', quantity: 1, priceCents, requiresShipping: true }],
  });
  const tenant = asTenantId(SHOP);
  await started.core.quotes.quote(tenant, cart(4000));
  let count = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await started.core.quotes.quote(tenant, cart(memo ? 4000 : 4000 + (count % 100_000)));
    count++;
  }
  return count / (ms / 1000);
}

async function stop(started: Started): Promise<void> {
  await started.running.shutdown();
  await started.sandbox.close();
  await started.sandboxStore.close();
  await started.sandboxDir.remove();
  await started.appDir.remove();
  if (started.redisUrl) {
    // Only this run's keys: everything under its own prefix.
    const redis = new Redis(started.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
}

type Command =
  | { cmd: 'mem'; gc?: boolean }
  | { cmd: 'loop' }
  | { cmd: 'inprocess'; ms: number; memo: boolean }
  | { cmd: 'latency' }
  | { cmd: 'stop' };

/** How long the event loop was held up since the last ask (what a paced checkout waits behind), in ms. */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
function eventLoopSince(): { p99: number; max: number } {
  const figures = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  loopDelay.reset();
  return figures;
}

async function answer(started: Started, message: Command): Promise<unknown> {
  switch (message.cmd) {
    case 'mem':
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      return { memory: process.memoryUsage() };
    case 'loop':
      return eventLoopSince();
    case 'inprocess':
      return { rate: await inProcessRate(started, message.ms, message.memo) };
    case 'latency':
      return {
        lines: await latencySections(started.core, started.sandbox.url, asTenantId(SHOP), DEADLINE_MS),
      };
    case 'stop':
      await stop(started);
      return { stopped: true };
  }
}

async function main(): Promise<void> {
  const started = await start();
  const token = await sandboxToken(started.sandbox.url);
  await setUpTenant(started, SHOP, token);
  await setUpTenant(started, WOO_TENANT, token);
  const woo = await started.running.serverApp.woocommerce.keys.create(WOO_TENANT, 'Bench');
  process.on('message', (message: Command) => {
    void answer(started, message).then(
      (reply) => {
        process.send?.(reply);
        if (message.cmd === 'stop') process.exit(0);
      },
      (error: unknown) => process.send?.({ error: String(error) }),
    );
  });
  process.send?.({
    ready: true,
    url: started.running.url,
    store: started.core.store.kind,
    shopify: { key: await shopifyCallbackKey(started), secret: started.apiSecret },
    woo: { keyId: woo.key.id, secret: woo.secret },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
