/**
 * `npm run bench`: RateBridge's checkout callbacks beside the bare web framework, on this machine, in one
 * run. Three processes: a bare Express 5 app (express.json answering a constant rates body), the RateBridge
 * server (bench/app-server.ts, production logging, sandbox platform) and this one, which generates the load
 * with autocannon. Every throughput figure is a ratio against the bare Express route measured in the same
 * run, so runs on different machines compare. Not a test: it asserts nothing; it writes its report into
 * docs/performance.md between the markers of the store it ran on (embedded, or Redis when REDIS_URL is set).
 *
 *   BENCH_SECONDS   duration of each throughput run after a 2 s warm-up (default 8)
 *   BENCH_SOAK_S    the paced soak's duration in seconds (default 120)
 *   BENCH_CHECKOUTS checkouts at full load before the memory sample (default 100000)
 *   BENCH_IDLE_S    idle time before the idle memory sample (default 60)
 */
import os from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { startChild, mb, SERVICE_NODE_FLAGS, type Child, type Memory } from './children.js';
import { checkoutRequest, pacedCheckout, type Credentials } from './checkout-requests.js';
import { pacedLoad, type PacedResult } from './paced-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SOAK_S = Number(process.env.BENCH_SOAK_S ?? 120);
const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 100_000);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 60);
const CONNECTIONS = 20;
const DOC = new URL('../docs/performance.md', import.meta.url);

type Result = autocannon.Result;
const requestFor = checkoutRequest;

function load(url: string, options: Partial<autocannon.Options>): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, ...options });
}

/** A 2 s warm-up, then the measured run. */
async function measured(url: string, options: Partial<autocannon.Options>): Promise<Result> {
  await load(url, { ...options, duration: 2 });
  return load(url, { ...options, duration: SECONDS });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const errorText = (result: PacedResult) =>
  result.errors === 0
    ? '0'
    : `${result.errors} (${Object.entries(result.errorKinds)
        .map(([kind, count]) => `${kind} × ${count}`)
        .join(', ')})`;
const errors = (result: Result) => result.errors + result.timeouts + result.non2xx;

async function throughput(bare: Child, app: Child, credentials: Credentials, print: (line?: string) => void) {
  const bareResult = await measured(String(bare.ready.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rate: { destination: { country: 'AU', postal_code: '3000' } } }),
  });
  const ceiling = bareResult.requests.average;
  print(`### Throughput (${CONNECTIONS} connections, ${SECONDS} s after a 2 s warm-up)`);
  print();
  print('| route | requests/s | p50 | p99 | errors | / bare Express |');
  print('| --- | --- | --- | --- | --- | --- |');
  const row = (name: string, result: Result) =>
    print(
      `| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${errors(result)} | ${(result.requests.average / ceiling).toFixed(2)} |`,
    );
  row('bare Express 5 + express.json, constant body', bareResult);
  const url = String(app.ready.url);
  for (const cache of ['hit', 'miss'] as const) {
    for (const front of ['woo', 'shopify'] as const) {
      const name =
        front === 'woo'
          ? 'WooCommerce POST /woocommerce/rates, signed'
          : 'Shopify carrier-service callback, HMAC';
      row(
        `${name}, cache ${cache}`,
        await measured(url, { requests: [requestFor(credentials, front, cache)] }),
      );
    }
  }
  print();
}

async function paced(app: Child, credentials: Credentials, print: (line?: string) => void) {
  print('### Paced 1,000 requests/s, cache hit (10 s, one request due every millisecond)');
  print();
  print('| route | requests/s | p50 | p99 | max | errors | server event loop held up, longest |');
  print('| --- | --- | --- | --- | --- | --- | --- |');
  for (const front of ['woo', 'shopify'] as const) {
    await app.ask({ cmd: 'loop' });
    const result = await pacedLoad(String(app.ready.url), {
      rate: 1000,
      seconds: 10,
      request: pacedCheckout(credentials, front),
    });
    const loop = await app.ask<{ max: number }>({ cmd: 'loop' });
    print(
      `| ${front === 'woo' ? 'WooCommerce rates' : 'Shopify callback'} | ${result.perSecond.toFixed(0)} | ${ms(result.p50)} | ${ms(result.p99)} | ${ms(result.max)} | ${errorText(result)} | ${ms(loop.max)} |`,
    );
  }
  const rate = async (memo: boolean) =>
    (await app.ask<{ rate: number }>({ cmd: 'inprocess', ms: 3000, memo })).rate.toFixed(0);
  print();
  print(
    `In-process cache-hit quotes (engine.quote, rate log included): ${await rate(true)}/s for the same cart again (the answer memo), ${await rate(false)}/s for carts that differ only in price (every group from the quote cache).`,
  );
  print();
}

async function memory(app: Child, credentials: Credentials, atStart: Memory, print: (line?: string) => void) {
  const sample = async (gc = false) => (await app.ask<{ memory: Memory }>({ cmd: 'mem', gc })).memory;
  const row = (when: string, m: Memory) =>
    print(`| ${when} | ${mb(m.rss)} | ${mb(m.heapUsed)} | ${mb(m.heapTotal)} |`);
  print(`### Memory of the server process`);
  print();
  print('| when | RSS | heap used | heap total |');
  print('| --- | --- | --- | --- |');
  row('after start-up, before any load', atStart);
  row('after the throughput runs above (cache misses included)', await sample());
  const url = String(app.ready.url);
  const half = Math.floor(CHECKOUTS / 2);
  const [woo, shop] = await Promise.all([
    load(url, { amount: half, requests: [requestFor(credentials, 'woo', 'hit')] }),
    load(url, { amount: CHECKOUTS - half, requests: [requestFor(credentials, 'shopify', 'hit')] }),
  ]);
  row(
    `after ${CHECKOUTS.toLocaleString('en')} checkouts at full load (errors: ${errors(woo) + errors(shop)})`,
    await sample(),
  );
  await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
  row(`after ${IDLE_S} s idle`, await sample());
  row('same, after a forced GC (live heap)', await sample(true));
  await soak(app, credentials, sample, row);
  print();
}

async function soak(
  app: Child,
  credentials: Credentials,
  sample: () => Promise<Memory>,
  row: (when: string, m: Memory) => void,
) {
  const run = pacedLoad(String(app.ready.url), {
    rate: 1000,
    seconds: SOAK_S,
    request: pacedCheckout(credentials, 'woo'),
  });
  const started = Date.now();
  const every = Math.max(10, Math.round(SOAK_S / 6)) * 1000;
  while (Date.now() - started + every < SOAK_S * 1000) {
    await new Promise((resolve) => setTimeout(resolve, every));
    row(`soak at 1,000 req/s, ${Math.round((Date.now() - started) / 1000)} s`, await sample());
  }
  const result = await run;
  row(`end of the ${SOAK_S} s soak (p99 ${ms(result.p99)}, errors ${errorText(result)})`, await sample());
}

async function main(): Promise<void> {
  const store = process.env.REDIS_URL ? 'redis' : 'embedded';
  const lines: string[] = [];
  const print = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const env = { ...process.env, NODE_ENV: 'production' };
  const bare = await startChild('bare-express', env);
  const app = await startChild('app-server', env, SERVICE_NODE_FLAGS);
  const credentials = app.ready as unknown as Credentials;
  const atStart = (await app.ask<{ memory: Memory }>({ cmd: 'mem' })).memory;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  print(`## Run of ${new Date().toISOString().slice(0, 16)} UTC, ${store} store`);
  print();
  print(`Command: \`${store === 'redis' ? 'REDIS_URL=redis://127.0.0.1:6379 ' : ''}npm run bench\`.`);
  print(
    `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (the 2 cores are shared with other work: absolute figures move, the ratios less).`,
  );
  print(
    `Server: \`node ${SERVICE_NODE_FLAGS.join(' ')}\` on the built dist/ (as \`npm start\`), the sandbox platform in the same process.`,
  );
  print();
  await throughput(bare, app, credentials, print);
  await paced(app, credentials, print);
  await memory(app, credentials, atStart, print);
  for (const line of (await app.ask<{ lines: string[] }>({ cmd: 'latency' })).lines) print(line);
  print();
  print(
    `Load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}.`,
  );
  await app.ask({ cmd: 'stop' });
  bare.process.send({ cmd: 'stop' });
  await writeReport(store, lines);
}

/** Replaces this store's section of docs/performance.md (between its markers) with this run's report. */
async function writeReport(store: string, lines: string[]): Promise<void> {
  const doc = await readFile(DOC, 'utf8');
  const start = `<!-- bench:${store} -->`;
  const end = `<!-- /bench:${store} -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/performance.md has no ${start} … ${end} markers`);
  await writeFile(DOC, `${doc.slice(0, from + start.length)}\n\n${lines.join('\n')}\n\n${doc.slice(to)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
