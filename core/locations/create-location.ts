/** Create: the address checked offline and with the platforms, links checked, then written atomically. */
import { newId } from '../ids.js';
import { invalidInput, parseInput } from '../catalog/input-error.js';
import { withoutDefault } from './default-location.js';
import { found, type LocationContext } from './location-context.js';
import { MAX_LOCATIONS, type LocationRecord } from './location-record.js';
import type { LocationResult } from '../wire/admin-api-types.js';
import { createLocationSchema, defaultDespatch } from '../wire/locations-schema.js';
import { confirmWithPlatforms } from './platform-check.js';
import { withoutNulls, withRefs } from './platform-refs.js';
import { refuseTaken } from './refuse-taken.js';
import { checkWarehouseLinks, describeRef, warehouseLinks } from './warehouse-links.js';

export async function createLocation(
  ctx: LocationContext,
  tenant: string,
  input: unknown,
): Promise<LocationResult> {
  const body = parseInput(createLocationSchema, input);
  const links = withoutNulls(warehouseLinks(ctx.platforms, body.platformRefs));
  const check = ctx.checked(body);
  const platform = await confirmWithPlatforms(ctx.checkDeps, tenant, check.address);
  const linkWarnings = await checkWarehouseLinks(ctx, tenant, links);
  const id = newId('loc');
  const at = ctx.iso();
  const after = await ctx.mutate(tenant, (locations) => {
    if (locations.length >= MAX_LOCATIONS) {
      throw invalidInput([
        { path: '', message: `A store can have at most ${MAX_LOCATIONS} pickup locations.` },
      ]);
    }
    refuseTaken(locations, body.name, links, undefined, (name, ref) => describeRef(ctx.platforms, name, ref));
    const makeDefault = locations.length === 0 || body.isDefault === true;
    const record: LocationRecord = {
      id,
      name: body.name,
      ...(body.addressLine1 ? { addressLine1: body.addressLine1 } : {}),
      ...check.address,
      isDefault: makeDefault,
      ...withRefs({ ...links, ...platform.platformRefs }),
      despatch: body.despatch ?? defaultDespatch(),
      createdAt: at,
      updatedAt: at,
    };
    return [...(makeDefault ? withoutDefault(locations, at) : locations), record];
  });
  ctx.logger.info({ tenant, locationId: id }, 'pickup location created');
  return {
    location: found(after, id),
    warnings: [...check.warnings, ...platform.warnings, ...linkWarnings],
  };
}
