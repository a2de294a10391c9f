/** Delete: when it was the default, the oldest remaining location becomes the default (location-context). */
import { rbError } from '../errors.js';
import { NOT_FOUND, type LocationContext } from './location-context.js';

export async function deleteLocation(
  ctx: LocationContext,
  tenant: string,
  id: string,
): Promise<{ readonly defaultLocationId?: string }> {
  const after = await ctx.mutate(tenant, (locations) => {
    if (!locations.some((location) => location.id === id)) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
    return locations.filter((location) => location.id !== id);
  });
  ctx.logger.info({ tenant, locationId: id }, 'pickup location deleted');
  const fallback = after.find((location) => location.isDefault);
  return fallback ? { defaultLocationId: fallback.id } : {};
}
