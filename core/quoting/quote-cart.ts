import type { QuoteOutcome, QuoteOverrides } from './engine-dependencies.js';
import { prepareCart } from './prepare-cart.js';
import { priceOptions } from './price-options.js';
import { quoteGroups } from './quote-groups.js';
import type { QuoteRequest } from './quote-request.js';
import type { EngineContext, QuoteRun } from './quote-run.js';
import type { QuoteSettings } from './quote-settings.js';

/**
 * One cart, start to finish: settings -> prepare (check, pack, group, connections) -> quote every group
 * on every connection -> combine and apply the rules. Throws only when storage fails; the engine's
 * index answers that with the fallback rates.
 */
export async function quoteCart(
  ctx: EngineContext,
  lastSettings: { set(tenant: string, settings: QuoteSettings): void },
  input: {
    tenant: string;
    request: QuoteRequest;
    overrides: QuoteOverrides;
    deadline: AbortSignal;
    started: number;
  },
): Promise<QuoteOutcome> {
  const settings = input.overrides.settings ?? (await ctx.settings.get(input.tenant));
  if (!input.overrides.settings) lastSettings.set(input.tenant, settings);
  const run: QuoteRun = { ...input, settings, groups: [], upstreamCalls: [] };
  const prepared = await prepareCart(ctx, run);
  if (!prepared.ready) return prepared.outcome;
  const quotes = await quoteGroups(ctx, run, prepared.destination, prepared.usable);
  return priceOptions(ctx, run, quotes);
}
