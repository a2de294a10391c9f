/**
 * `npm run bench`: RateBridge's quote path against the sandbox platform with injected latency, on this
 * machine. Every figure is a ratio against a baseline measured in the same run, so runs on different
 * machines compare. Not a test: it asserts nothing and prints a Markdown report for docs/performance.md.
 *
 *   (a) a cart spread over N warehouses (N = 1, 3, 10): quote time / injected latency L
 *   (b) cache-hit quotes per second, in-process and over HTTP, beside a bare node:http server answering a
 *       constant body (the ceiling for any HTTP service on this machine)
 *   (c) an upstream that hangs: how far past the deadline the answer arrives
 */
import http from 'node:http';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createCore } from '../core/ratebridge.js';
import { createLogger } from '../core/logger.js';
import { loadConfig } from '../core/config.js';
import { openEmbeddedStore } from '../core/storage/embedded-store.js';
import { startSandboxServer } from '../core/platforms/sandbox/sandbox-server.js';
import { asTenantId } from '../core/ids.js';
import { withSecretScope } from '../core/security/redact.js';
import { startServer } from '../server.js';
import { tempDir } from '../test/support/temp-dir.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const DEADLINE_MS = 2500;
const WAREHOUSE_SUBURBS = [
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
const DESTINATIONS = [
  '2150',
  '3121',
  '4101',
  '5006',
  '6050',
  '2250',
  '3350',
  '4350',
  '2480',
  '3550',
  '2640',
  '3690',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const logger = createLogger({ level: 'error' });
  const sandboxDir = await tempDir('bench-sandbox');
  const appDir = await tempDir('bench-app');
  const sandboxStore = await openEmbeddedStore({ dataDir: sandboxDir.dir });
  const sandbox = await startSandboxServer({ store: sandboxStore, logger });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'error',
    DATA_DIR: appDir.dir,
    SANDBOX_URL: sandbox.url,
    RATEBRIDGE_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    QUOTE_DEADLINE_MS: String(DEADLINE_MS),
  });
  const store = await openEmbeddedStore({ dataDir: appDir.dir });
  const core = await createCore({
    config,
    logger,
    store,
    tokens: { attemptLimit: { attempts: 1000, windowMs: 60_000 } },
  });
  const running = await startServer(config, logger, core);
  const tenant = asTenantId('bench-store');

  const setBehaviour = (behaviour: Record<string, unknown>) =>
    fetch(`${sandbox.url}/behaviour`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviour),
    });
  const tokenResponse = await fetch(`${sandbox.url}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', environment: 'test' }),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  await withSecretScope(() =>
    core.tokens.connect(tenant, { platform: 'sandbox', environment: 'test', label: 'Bench', token }),
  );
  const locationIds: string[] = [];
  for (const [suburb, postcode, state] of WAREHOUSE_SUBURBS) {
    const { location } = await core.locations.create(tenant, {
      name: `${suburb} DC`,
      suburb,
      postcode,
      state,
    });
    locationIds.push(location.id);
    await core.catalog.upsertProfile(tenant, `sku:SKU-${locationIds.length - 1}`, {
      packages: [{ type: 'carton', lengthCm: 50, widthCm: 40, heightCm: 30, weightKg: 8 }],
      locationIds: [location.id],
    });
  }
  const cart = (warehouses: number, postcode: string) => ({
    destination: { country: 'AU', postcode },
    currency: 'AUD',
    lines: Array.from({ length: warehouses }, (_, i) => ({
      sku: `SKU-${i}`,
      quantity: 1,
      priceCents: 4000,
      requiresShipping: true,
    })),
  });

  const lines: string[] = [];
  const print = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  print(`## Run of ${new Date().toISOString().slice(0, 10)}`);
  print();
  print(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, embedded store.`,
  );
  print();

  // (a) N warehouses in the time of one.
  await setBehaviour({ latencyMs: LATENCY_MS });
  print(`### (a) Warehouses quoted concurrently (injected latency L = ${LATENCY_MS} ms, cache misses)`);
  print();
  print('| warehouses N | median quote time | time / L | runs |');
  print('| --- | --- | --- | --- |');
  let destination = 0;
  for (const n of [1, 3, 10]) {
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const postcode = DESTINATIONS[destination++ % DESTINATIONS.length] as string;
      await core.store.cacheDelete('noop');
      const started = performance.now();
      const outcome = await core.quotes.quote(tenant, cart(n, postcode), { record: false });
      times.push(performance.now() - started);
      if (outcome.source !== 'live')
        throw new Error(`expected live rates, got ${outcome.source}: ${outcome.fallbackReason}`);
    }
    const m = median(times);
    print(`| ${n} | ${m.toFixed(0)} ms | ${(m / LATENCY_MS).toFixed(2)} | 5 |`);
  }
  print();

  // (b) cache-hit throughput.
  await setBehaviour({});
  const warm = cart(1, '2000');
  await core.quotes.quote(tenant, warm);
  const inProcessMs = 3000;
  let count = 0;
  const until = performance.now() + inProcessMs;
  while (performance.now() < until) {
    await core.quotes.quote(tenant, warm);
    count++;
  }
  const inProcessRate = count / (inProcessMs / 1000);

  const baseline = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"rates":[]}');
  });
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const baselinePort = (baseline.address() as { port: number }).port;
  const login = await fetch(core.sessions.loginLink(tenant).replace(config.publicUrl, running.url), {
    redirect: 'manual',
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = JSON.stringify(warm);
  const load = (url: string, headers: Record<string, string>) =>
    autocannon({
      url,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      connections: 32,
      duration: 5,
    });
  const bare = await load(`http://127.0.0.1:${baselinePort}/`, {});
  const viaHttp = await load(`${running.url}/admin/api/quotes/test`, { cookie });
  baseline.close();
  print('### (b) Cache-hit quotes per second');
  print();
  print('| path | requests/s | p99 latency | / bare node:http |');
  print('| --- | --- | --- | --- |');
  print(
    `| bare node:http, constant body (ceiling) | ${bare.requests.average.toFixed(0)} | ${bare.latency.p99} ms | 1.00 |`,
  );
  print(
    `| RateBridge over HTTP (POST /admin/api/quotes/test, session, rate log) | ${viaHttp.requests.average.toFixed(0)} | ${viaHttp.latency.p99} ms | ${(viaHttp.requests.average / bare.requests.average).toFixed(2)} |`,
  );
  print(
    `| RateBridge in-process (engine.quote, rate log) | ${inProcessRate.toFixed(0)} | — | ${(inProcessRate / bare.requests.average).toFixed(2)} |`,
  );
  print();
  print(`HTTP errors: bare ${bare.errors + bare.non2xx}, RateBridge ${viaHttp.errors + viaHttp.non2xx}.`);
  print();

  // (c) A hanging upstream answers at the deadline.
  await setBehaviour({ hang: true });
  const overruns: number[] = [];
  for (let run = 0; run < 5; run++) {
    const postcode = DESTINATIONS[destination++ % DESTINATIONS.length] as string;
    const started = performance.now();
    // Two of each SKU: a cart not quoted before, so no cache entry can answer it.
    const hanging = cart(3, postcode);
    const outcome = await core.quotes.quote(
      tenant,
      { ...hanging, lines: hanging.lines.map((l) => ({ ...l, quantity: 2 })) },
      { record: false },
    );
    overruns.push(performance.now() - started - DEADLINE_MS);
    if (outcome.source !== 'fallback') throw new Error('expected fallback rates from a hanging platform');
  }
  await setBehaviour({});
  print(`### (c) Hanging upstream (deadline ${DEADLINE_MS} ms, 3 warehouses)`);
  print();
  print(
    `Answer after deadline + ${median(overruns).toFixed(1)} ms (median of 5; worst ${Math.max(...overruns).toFixed(1)} ms), with fallback rates.`,
  );

  await running.shutdown();
  await sandbox.close();
  await sandboxStore.close();
  await sandboxDir.remove();
  await appDir.remove();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
