/** Make one location the default; the previous default stops being it in the same write. */
import { rbError } from '../errors.js';
import { UNCHANGED } from '../storage/store.js';
import { withoutDefault } from './default-location.js';
import { found, NOT_FOUND, type LocationContext } from './location-context.js';
import type { LocationRecord } from './location-record.js';

export async function setDefaultLocation(
  ctx: LocationContext,
  tenant: string,
  id: string,
): Promise<LocationRecord> {
  const at = ctx.iso();
  const after = await ctx.mutate(tenant, (locations) => {
    const target = locations.find((location) => location.id === id);
    if (!target) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
    if (target.isDefault) return UNCHANGED;
    return withoutDefault(locations, at).map((location) =>
      location.id === id ? { ...location, isDefault: true, updatedAt: at } : location,
    );
  });
  return found(after, id);
}
