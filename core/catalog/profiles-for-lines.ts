/**
 * The profile of each cart line that has one, by line index: the variant's profile, else the SKU's.
 * Location ids of deleted locations are dropped (empty then means the default location).
 */
import { readTenantLocations } from '../locations/location-record.js';
import type { CatalogContext } from './catalog-context.js';
import type { CatalogLine } from './catalog.js';
import { skuKey, variantKey, type PackagingProfile, type ProfileKey } from './packaging-profile.js';

export async function profilesForLines(
  ctx: CatalogContext,
  tenant: string,
  lines: readonly CatalogLine[],
): Promise<Map<number, PackagingProfile>> {
  const candidates = lines.map((line) => lineKeys(line));
  const keys = [...new Set(candidates.flat())];
  const found = new Map<string, PackagingProfile>();
  await Promise.all(
    keys.map(async (key) => {
      const profile = await ctx.findProfile(tenant, key);
      if (profile) found.set(key, profile);
    }),
  );
  const result = new Map<number, PackagingProfile>();
  if (found.size === 0) return result;
  const needsLocations = [...found.values()].some((profile) => profile.locationIds.length > 0);
  const existing = needsLocations
    ? new Set((await readTenantLocations(ctx.store, tenant)).map((location) => location.id))
    : new Set<string>();
  for (const [index, lineCandidates] of candidates.entries()) {
    const profile = lineCandidates.map((key) => found.get(key)).find(Boolean);
    if (!profile) continue;
    const locationIds = profile.locationIds.filter((id) => existing.has(id));
    result.set(
      index,
      locationIds.length === profile.locationIds.length ? profile : { ...profile, locationIds },
    );
  }
  return result;
}

function lineKeys(line: CatalogLine): ProfileKey[] {
  const keys: ProfileKey[] = [];
  const variantId = line.variantId?.trim();
  const sku = line.sku?.trim();
  if (variantId) keys.push(variantKey(variantId));
  if (sku) keys.push(skuKey(sku));
  return keys;
}
