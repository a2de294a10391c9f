/**
 * Sections (a) and (c) of `npm run bench`, run inside the server's process against the engine: N warehouses
 * quoted in the time of one, and a hanging upstream answered at the deadline.
 */
import type { Core } from '../core/ratebridge.js';
import type { TenantId } from '../core/ids.js';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const DESTINATIONS = ['2150', '3121', '4101', '5006', '6050', '2250', '3350', '4350', '2480', '3550', '2640'];

const cart = (warehouses: number, postcode: string, quantity = 1) => ({
  destination: { country: 'AU', postcode },
  currency: 'AUD',
  lines: Array.from({ length: warehouses }, (_, i) => ({
    sku: `SKU-${i}`,
    quantity,
    priceCents: 4000,
    requiresShipping: true,
  })),
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function latencySections(
  core: Core,
  sandboxUrl: string,
  tenant: TenantId,
  deadlineMs: number,
): Promise<string[]> {
  const setBehaviour = (behaviour: Record<string, unknown>) =>
    fetch(`${sandboxUrl}/behaviour`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviour),
    });
  let destination = 0;
  const next = () => DESTINATIONS[destination++ % DESTINATIONS.length] as string;
  const lines = [
    `### (a) Warehouses quoted concurrently (injected latency L = ${LATENCY_MS} ms, cache misses)`,
    '',
    '| warehouses N | median quote time | time / L | runs |',
    '| --- | --- | --- | --- |',
  ];
  await setBehaviour({ latencyMs: LATENCY_MS });
  for (const n of [1, 3, 10]) {
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const outcome = await core.quotes.quote(tenant, cart(n, next(), 7), { record: false });
      times.push(performance.now() - started);
      if (outcome.source !== 'live') throw new Error(`expected live rates, got ${outcome.source}`);
    }
    const m = median(times);
    lines.push(`| ${n} | ${m.toFixed(0)} ms | ${(m / LATENCY_MS).toFixed(2)} | 5 |`);
  }
  await setBehaviour({ hang: true });
  const overruns: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    // Quantity 2 of each SKU: a cart not quoted before, so no cache entry can answer it.
    const outcome = await core.quotes.quote(tenant, cart(3, next(), 2), { record: false });
    overruns.push(performance.now() - started - deadlineMs);
    if (outcome.source !== 'fallback') throw new Error('expected fallback rates from a hanging platform');
  }
  await setBehaviour({});
  lines.push(
    '',
    `### (c) Hanging upstream (deadline ${deadlineMs} ms, 3 warehouses)`,
    '',
    `Answer after deadline + ${median(overruns).toFixed(1)} ms (median of 5; worst ${Math.max(...overruns).toFixed(1)} ms), with fallback rates.`,
  );
  return lines;
}
