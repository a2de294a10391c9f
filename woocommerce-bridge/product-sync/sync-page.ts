/**
 * One page of products: read it (unless the caller already has it), map the simple products, read and map
 * the variations of the variable ones a few products at a time, write the catalog, and mark the page done
 * in the sync's state together with its counts.
 */
import { hasVariations, mapProduct, mapVariation, type MappedProduct } from '../product-mapping.js';
import type { StoreUnits } from '../store-units.js';
import { addCounts } from '../synced-profiles.js';
import type { WooPage } from '../woocommerce-client.js';
import type { WooProduct } from '../woocommerce-resources.js';
import type { FetchWithRetry } from './fetch-with-retry.js';
import type { SyncContext } from './sync-context.js';
import { SyncStopped } from './sync-errors.js';

/** One runner's sync: whose, which, its abort signal, the store's units and its reads. */
export interface SyncRun {
  readonly ctx: SyncContext;
  readonly tenant: string;
  readonly id: string;
  readonly signal: AbortSignal;
  readonly units: StoreUnits;
  readonly fetch: FetchWithRetry;
}

export async function syncPage(run: SyncRun, page: number, fetched?: WooPage<WooProduct>): Promise<void> {
  const { ctx, tenant, id, signal } = run;
  const products = fetched ?? (await run.fetch((woo) => woo.listProducts(page, ctx.pageSize, signal)));
  const mapped: MappedProduct[] = [];
  for (const product of products.items) {
    if (hasVariations(product)) continue;
    const one = mapProduct(product, run.units);
    if (one) mapped.push(one);
  }
  const variations = await mapVariations(run, products.items.filter(hasVariations));
  mapped.push(...variations);
  if (signal.aborted) throw new SyncStopped();
  const counts = await ctx.profiles.apply(tenant, mapped);
  const kept = await ctx.mutate(tenant, id, (state) =>
    state.pagesDone.includes(page)
      ? undefined
      : {
          ...state,
          pagesDone: [...state.pagesDone, page].sort((a, b) => a - b),
          done: state.done + products.items.length,
          variations: state.variations + variations.length,
          counts: addCounts({ ...state.counts }, counts),
          lease: ctx.lease(),
        },
  );
  if (!kept && !ctx.ours(await ctx.load(tenant), id)) throw new SyncStopped();
}

async function mapVariations(run: SyncRun, variable: readonly WooProduct[]): Promise<MappedProduct[]> {
  const mapped: MappedProduct[] = [];
  const step = run.ctx.variationConcurrency;
  for (let start = 0; start < variable.length; start += step) {
    const batch = await Promise.all(
      variable.slice(start, start + step).map(async (parent) => {
        const all = await allVariations(run, parent.id);
        return all.flatMap((variation) => mapVariation(variation, parent, run.units) ?? []);
      }),
    );
    for (const list of batch) mapped.push(...list);
  }
  return mapped;
}

async function allVariations(run: SyncRun, productId: number): Promise<WooProduct[]> {
  const all: WooProduct[] = [];
  for (let page = 1; page <= 100; page += 1) {
    const result = await run.fetch((woo) =>
      woo.listVariations(productId, page, run.ctx.pageSize, run.signal),
    );
    all.push(...result.items);
    if (page >= result.totalPages) break;
  }
  return all;
}
