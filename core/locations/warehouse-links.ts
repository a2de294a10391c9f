/**
 * Warehouse links a merchant sets on a location: only to platforms that keep warehouses as pickup
 * references, and checked against the account's warehouses (a link none shows is a warning).
 */
import type { ErrorDetail } from '../errors.js';
import { invalidInput } from '../catalog/input-error.js';
import type { PlatformName, PlatformRefs } from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { LocationContext } from './location-context.js';

/** The links a merchant may set: only to platforms that keep warehouses as pickup references. */
export function warehouseLinks(
  platforms: PlatformRegistry,
  refs: Partial<Record<PlatformName, string | null>> | undefined,
): Partial<Record<PlatformName, string | null>> {
  const problems: ErrorDetail[] = [];
  for (const name of Object.keys(refs ?? {}) as PlatformName[]) {
    const platform = platforms.get(name);
    if (platform?.pickupRef.kind === 'warehouse') continue;
    problems.push({
      path: `platformRefs.${name}`,
      message:
        platform?.pickupRef.kind === 'locality'
          ? `${platform.displayName} references are looked up from the location's suburb; they cannot be set.`
          : `${platform?.displayName ?? name} keeps no warehouses to link a location to.`,
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  return refs ?? {};
}

/** Platform warnings for the links the account's warehouses do not show. */
export async function checkWarehouseLinks(
  ctx: LocationContext,
  tenant: string,
  links: PlatformRefs,
): Promise<string[]> {
  const checks = await Promise.all(
    (Object.entries(links) as [PlatformName, string][]).map(([name, id]) =>
      checkWarehouseLink(ctx, tenant, name, id),
    ),
  );
  return checks.flat();
}

async function checkWarehouseLink(
  ctx: LocationContext,
  tenant: string,
  name: PlatformName,
  id: string,
): Promise<string[]> {
  const platform = ctx.platforms.get(name);
  if (platform?.pickupRef.kind !== 'warehouse') return [];
  const { displayName } = platform;
  const what = `${platform.pickupRef.noun} ${id}`;
  const connections = (await ctx.tokens.usableConnections(tenant)).filter((u) => u.platform.name === name);
  if (connections.length === 0) return [`No active ${displayName} connection could confirm ${what}.`];
  const answers = await Promise.all(
    connections.map((u) =>
      u.platform.listWarehouses(u.credentials, AbortSignal.timeout(ctx.checkDeps.timeoutMs)),
    ),
  );
  if (answers.some((a) => a.ok && a.value.some((w) => w.platformId === id))) return [];
  if (answers.every((a) => !a.ok)) {
    return [`${displayName} could not confirm ${what} just now; save again later to re-check.`];
  }
  return [
    `Your ${displayName} account has no ${what}. Quotes that pick up from it will fail: choose one of the account's ${platform.pickupRef.noun}s.`,
  ];
}

/** How a link is named to the merchant: "MachShip company location 7101". */
export function describeRef(platforms: PlatformRegistry, name: PlatformName, id: string): string {
  const platform = platforms.get(name);
  const noun = platform?.pickupRef.kind === 'warehouse' ? platform.pickupRef.noun : 'warehouse';
  return `${platform?.displayName ?? name} ${noun} ${id}`;
}
