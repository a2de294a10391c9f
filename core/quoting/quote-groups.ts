import type { Destination, PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import type { PackedGroup } from './build-packages.js';
import type { GroupOption } from './combine-groups.js';
import { estimateDelivery, groupDespatchDate } from './delivery-dates/estimate-delivery.js';
import type { EngineContext, QuoteRun } from './quote-run.js';
import { resolveDeliveryOptions, type Resolution } from './resolve-delivery-options.js';
import { untilSettledOrAborted } from './wait-for-deadline.js';

export interface GroupQuotes {
  /** Options per group (location id), as they landed before the deadline. */
  readonly perGroup: ReadonlyMap<string, readonly GroupOption[]>;
  /** A platform rejected a token: the connection is being re-checked and the quote falls back. */
  readonly unauthorized: boolean;
}

/** Every (group, connection) pair at once, collected as they land, until all land or the deadline. */
export async function quoteGroups(
  ctx: EngineContext,
  run: QuoteRun,
  destination: Destination,
  usable: readonly UsableConnection[],
): Promise<GroupQuotes> {
  const now = ctx.now();
  const asked = askedFor(run, destination);
  const perGroup = new Map<string, GroupOption[]>(run.groups.map((group) => [group.locationId, []]));
  const state = { unauthorized: false, used: new Set<string>() };
  const calls = run.groups.flatMap((group) =>
    usable.map(async (connection) => {
      const groupAsked = asked.get(group.locationId) as Asked;
      const { result, answeredAt } = await quoteOne(ctx, run, group, connection, groupAsked);
      if (result.ok) {
        state.used.add(connection.connection.id);
        const dating = {
          despatch: groupDespatchDate(now, group, run.settings.extraHandlingDays),
          answeredAt: answeredAt ?? now,
          destination: destination.state,
        };
        perGroup.get(group.locationId)?.push(...toGroupOptions(result, connection, dating));
      } else if (result.failure.reason === 'unauthorized') {
        state.unauthorized = true;
        ctx.tokens
          .reportUnauthorized(run.tenant, connection.connection.id, result.failure.detail)
          .catch((error: unknown) =>
            ctx.logger.error({ err: error, tenant: run.tenant }, 'reporting a revoked token failed'),
          );
      }
    }),
  );
  await untilSettledOrAborted(calls, run.deadline);
  // Once per connection per quote, not per (group, connection) call.
  for (const id of state.used) ctx.tokens.markUsed(run.tenant, id).catch(() => undefined);
  return { perGroup, unauthorized: state.unauthorized };
}

/** What every group of the quote is asked with: where to, and how the buyer takes delivery. */
type Asked = Pick<PlatformQuoteRequest, 'destination' | 'delivery' | 'depotCollection'>;

/**
 * The delivery options of each group (pickup location), resolved once the cart is packed: each group is
 * its own consignment, so a tail-lift derived from weight is needed for the group whose packages (boxes,
 * pallets as packed) are over it, not for a light parcel leaving another warehouse. Kept in the run for
 * the rate log; depot collection as the merchant offers it.
 */
function askedFor(run: QuoteRun, destination: Destination): ReadonlyMap<string, Asked> {
  const { deliveryOptions } = run.settings;
  const { offer, maxDepots } = deliveryOptions.depotCollection;
  const resolved = new Map<string, Resolution>();
  const asked = new Map<string, Asked>();
  for (const group of run.groups) {
    const resolution = resolveDeliveryOptions(deliveryOptions, {
      answers: run.request.delivery,
      packages: group.packages,
      company: run.request.destination.company,
    });
    resolved.set(group.locationId, resolution);
    asked.set(group.locationId, {
      destination,
      delivery: resolution.options,
      ...(offer ? { depotCollection: { maxDepots } } : {}),
    });
  }
  run.delivery = resolved;
  return asked;
}

/** One group on one connection through the upstream quoter, traced into the run. */
async function quoteOne(
  ctx: EngineContext,
  run: QuoteRun,
  group: PackedGroup,
  connection: UsableConnection,
  asked: Asked,
): Promise<{ result: QuoteResult; answeredAt?: number }> {
  const platformRequest: PlatformQuoteRequest = { ...asked, pickup: group.pickup, packages: group.packages };
  const { result, cache, latencyMs, answeredAt } = await ctx.upstream.quote(
    run.tenant,
    connection,
    platformRequest,
    run.deadline,
  );
  run.upstreamCalls.push({
    connectionId: connection.connection.id,
    platform: connection.platform.name,
    locationId: group.locationId,
    latencyMs,
    cache,
    outcome: result.ok ? 'ok' : result.failure.reason,
    ...(result.ok ? {} : { detail: result.failure.detail }),
    options: result.ok ? result.value.length : 0,
  });
  return answeredAt === undefined ? { result } : { result, answeredAt };
}

function toGroupOptions(
  result: Extract<QuoteResult, { ok: true }>,
  connection: UsableConnection,
  dating: { despatch: string | undefined; answeredAt: number; destination: Destination['state'] },
): GroupOption[] {
  return result.value.map((option) => ({
    key: option.key,
    carrierId: option.carrier.id,
    carrierName: option.carrier.name,
    serviceName: option.service.name,
    ...(option.name ? { name: option.name } : {}),
    totalCents: option.totalCents,
    taxCents: option.taxCents,
    connectionId: connection.connection.id,
    ...estimateDelivery(option, dating.despatch, dating.answeredAt, dating.destination),
  }));
}
