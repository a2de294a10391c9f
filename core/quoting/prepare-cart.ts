import type { Destination } from '../platforms/freight-platform.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import { packLines, type GroupPacker, type PackedGroup } from './build-packages.js';
import type { QuoteOutcome } from './engine-dependencies.js';
import { PRICED_CURRENCY } from './fallback-rates.js';
import { fallBack, finishQuote } from './finish-quote.js';
import { resolveDestination } from './resolve-destination.js';
import type { EngineContext, QuoteRun } from './quote-run.js';

export type Preparation =
  | { readonly ready: true; readonly destination: Destination; readonly usable: readonly UsableConnection[] }
  | { readonly ready: false; readonly outcome: QuoteOutcome };

/**
 * Everything before the platforms: the cart checked, packed and grouped (into `run.groups`) and the
 * tenant's usable connections read, or the finished answer when the cart cannot or need not be quoted.
 */
export async function prepareCart(ctx: EngineContext, run: QuoteRun): Promise<Preparation> {
  const { request, tenant } = run;
  const stop = (outcome: QuoteOutcome): Preparation => ({ ready: false, outcome });
  if (request.destination.country !== 'AU')
    return stop(
      finishQuote(ctx, run, { rates: [], source: 'none', fallbackReason: 'destination outside Australia' }),
    );
  if (request.lines.every((line) => !line.requiresShipping))
    return stop(finishQuote(ctx, run, { rates: [], source: 'none' }));
  if (request.currency !== PRICED_CURRENCY) {
    return stop(
      fallBack(
        ctx,
        run,
        `currency ${request.currency} cannot be priced (platforms price ${PRICED_CURRENCY})`,
      ),
    );
  }
  const destination = resolveDestination(request.destination);
  if (!destination)
    return stop(
      fallBack(
        ctx,
        run,
        `destination postcode "${request.destination.postcode}" is not an Australian locality`,
      ),
    );

  const [profiles, defaultBox, pickupLocations, usable, setup] = await Promise.all([
    ctx.packaging.profilesFor(tenant, request.lines),
    ctx.packaging.getDefaultBox(tenant),
    ctx.locations.pickupLocations(tenant),
    ctx.tokens.usableConnections(tenant),
    ctx.packaging.packingSetup?.(tenant),
  ]);
  // Through the engine's memo: a cart quoted again with the same boxes is not packed again.
  const packer: GroupPacker = (units, boxes) => ctx.packingMemo.pack(tenant, units, boxes);
  const packing = packLines(request.lines, profiles, defaultBox, pickupLocations, setup, packer);
  recordUnprofiled(ctx, run, packing.unprofiled);
  if (packing.ok) logPackingFallbacks(ctx, run, packing.groups);
  if (!packing.ok) return stop(fallBack(ctx, run, packing.reason));
  run.groups = packing.groups;
  if (usable.length === 0) return stop(fallBack(ctx, run, 'no active freight platform connection'));
  return { ready: true, destination, usable };
}

/** A group over the packing bounds shipped one package set per unit: the merchant should hear why. */
function logPackingFallbacks(ctx: EngineContext, run: QuoteRun, groups: readonly PackedGroup[]): void {
  for (const group of groups) {
    if (!group.packing.fallback) continue;
    ctx.logger.warn(
      { tenant: run.tenant, locationId: group.locationId, reason: group.packing.note },
      'packing fell back to one package set per unit',
    );
  }
}

/** Lines packed without a profile land in the missing-dimensions report; a failed write only warns. */
function recordUnprofiled(ctx: EngineContext, run: QuoteRun, unprofiled: readonly number[]): void {
  for (const index of unprofiled) {
    const line = run.request.lines[index];
    if (!line) continue;
    ctx.packaging
      .recordSeenAtCheckout(run.tenant, { sku: line.sku, variantId: line.variantId, grams: line.grams })
      .catch((error: unknown) =>
        ctx.logger.warn({ err: error, tenant: run.tenant }, 'recording an unprofiled SKU failed'),
      );
  }
}
