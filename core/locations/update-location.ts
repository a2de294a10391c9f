/**
 * Update: fields left out stay; a moved address is checked again (and its suburb references redone),
 * new links are checked; then the patch is applied atomically to the latest stored version.
 */
import type { z } from 'zod';
import { rbError } from '../errors.js';
import { invalidInput, parseInput } from '../catalog/input-error.js';
import type { PlatformName, PlatformRefs } from '../platforms/freight-platform.js';
import { withoutDefault } from './default-location.js';
import { found, NOT_FOUND, type LocationContext } from './location-context.js';
import type { LocationRecord } from './location-record.js';
import type { LocationResult } from '../wire/admin-api-types.js';
import { updateLocationSchema } from '../wire/locations-schema.js';
import { confirmWithPlatforms, sameAddress } from './platform-check.js';
import { linkRefs, suburbRefsOf, withoutNulls, withRefs } from './platform-refs.js';
import { refuseTaken } from './refuse-taken.js';
import { checkWarehouseLinks, describeRef, warehouseLinks } from './warehouse-links.js';

type Patch = z.infer<typeof updateLocationSchema>;
type Checked = ReturnType<LocationContext['checked']>;

export async function updateLocation(
  ctx: LocationContext,
  tenant: string,
  id: string,
  input: unknown,
): Promise<LocationResult> {
  const patch = parseInput(updateLocationSchema, input);
  const linkPatch = warehouseLinks(ctx.platforms, patch.platformRefs);
  const current = await ctx.get(tenant, id);
  if (patch.isDefault === false && current.isDefault) {
    throw invalidInput([
      {
        path: 'isDefault',
        message: 'Make another location the default instead: one location is always the default.',
      },
    ]);
  }
  const check = checkedMove(ctx, patch, current);
  const moved = check !== undefined && !sameAddress(current, check.address);
  const platform = moved ? await confirmWithPlatforms(ctx.checkDeps, tenant, check.address) : undefined;
  const newLinks = Object.fromEntries(
    Object.entries(withoutNulls(linkPatch)).filter(
      ([name, ref]) => current.platformRefs?.[name as PlatformName] !== ref,
    ),
  );
  const linkWarnings = await checkWarehouseLinks(ctx, tenant, newLinks);
  const at = ctx.iso();
  const after = await ctx.mutate(tenant, (locations) => {
    const latest = locations.find((location) => location.id === id);
    if (!latest) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
    const links = withoutNulls({ ...linkRefs(ctx.platforms, latest.platformRefs), ...linkPatch });
    refuseTaken(locations, patch.name ?? latest.name, links, id, (name, ref) =>
      describeRef(ctx.platforms, name, ref),
    );
    // A moved location's suburb references belong to the old suburb.
    const suburbRefs = moved
      ? (platform?.platformRefs ?? {})
      : suburbRefsOf(ctx.platforms, latest.platformRefs);
    const updated = patched(latest, patch, check, { ...links, ...suburbRefs }, at);
    const others = patch.isDefault === true ? withoutDefault(locations, at) : locations;
    return others.map((location) => (location.id === id ? updated : location));
  });
  return {
    location: found(after, id),
    warnings: [...(check?.warnings ?? []), ...(platform?.warnings ?? []), ...linkWarnings],
  };
}

/** The address after the patch, checked; undefined when the patch leaves the address alone. */
function checkedMove(ctx: LocationContext, patch: Patch, current: LocationRecord): Checked | undefined {
  const addressTouched =
    patch.suburb !== undefined || patch.postcode !== undefined || patch.state !== undefined;
  return addressTouched
    ? ctx.checked({
        suburb: patch.suburb ?? current.suburb,
        postcode: patch.postcode ?? current.postcode,
        state: patch.state ?? current.state,
      })
    : undefined;
}

function patched(
  latest: LocationRecord,
  patch: Patch,
  check: Checked | undefined,
  refs: PlatformRefs,
  at: string,
): LocationRecord {
  const { addressLine1: _line, platformRefs: _refs, ...kept } = latest;
  const addressLine1 = patch.addressLine1 === undefined ? latest.addressLine1 : patch.addressLine1;
  return {
    ...kept,
    name: patch.name ?? latest.name,
    ...(addressLine1 ? { addressLine1 } : {}),
    ...(check ? check.address : {}),
    isDefault: latest.isDefault || patch.isDefault === true,
    ...withRefs(refs),
    despatch: patch.despatch ?? latest.despatch,
    updatedAt: at,
  };
}
