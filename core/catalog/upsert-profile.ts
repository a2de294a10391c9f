/** Replaces the profile at `key` (packages, locations, consolidation, ships alone) with the merchant's input. */
import type { JsonValue } from '../storage/store.js';
import { readTenantLocations } from '../locations/location-record.js';
import { validKey, type CatalogContext } from './catalog-context.js';
import { invalidInput, parseInput } from './input-error.js';
import { parseProfileKey, profileInputSchema, type PackagingProfile } from './packaging-profile.js';

export async function upsertProfile(
  ctx: CatalogContext,
  tenant: string,
  key: string,
  input: unknown,
): Promise<PackagingProfile> {
  const profileKey = validKey(key);
  const body = parseInput(profileInputSchema, input);
  const known = new Set((await readTenantLocations(ctx.store, tenant)).map((location) => location.id));
  const unknown = body.locationIds.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: `locationIds.${index}`, message: `There is no pickup location ${id}.` }],
  );
  if (unknown.length > 0) throw invalidInput(unknown);
  const parsed = parseProfileKey(profileKey);
  const existing = await ctx.findProfile(tenant, profileKey);
  const profile: PackagingProfile = {
    key: profileKey,
    // A variant profile keeps the SKU it was imported with, for the export.
    ...(parsed?.kind === 'sku' ? { sku: parsed.sku } : existing?.sku ? { sku: existing.sku } : {}),
    ...(parsed?.kind === 'variant' ? { variantId: parsed.variantId } : {}),
    packages: body.packages,
    locationIds: [...new Set(body.locationIds)],
    consolidatable: body.consolidatable,
    ...(body.shipsAlone ? { shipsAlone: true } : {}),
    updatedAt: ctx.iso(),
  };
  await ctx.store.putDoc(ctx.profileRef(tenant, profileKey), profile as unknown as JsonValue);
  return profile;
}
