/**
 * Cart lines -> packages -> groups per pickup location. A line is packed by its packaging profile; without
 * one, by the shop's weight in the merchant's default box (marked estimated, so the rate log and the
 * missing-dimensions report show it); without either it cannot be quoted and the quote falls back.
 */
import type { PackageLine, PickupPoint } from '../platforms/freight-platform.js';
import type { DespatchSettings } from '../wire/admin-api-types.js';
import type { DefaultBox, PackagingProfile, PickupLocation } from './packaging-types.js';
import { mergeIdentical } from './merge-identical.js';
import { packFromProfile, packFromShopWeight, type PackingPlaces } from './pack-line.js';
import type { QuoteLine } from './quote-request.js';

export interface PackedGroup {
  readonly locationId: string;
  readonly pickup: PickupPoint;
  /** When the location despatches (absent: the defaults); read for the rates' delivery dates. */
  readonly despatch?: DespatchSettings;
  readonly packages: readonly PackageLine[];
  /** Lines packed from shop weight and the default box rather than a profile. */
  readonly estimated: boolean;
  readonly lineIndexes: readonly number[];
}

export type Packing =
  | { readonly ok: true; readonly groups: readonly PackedGroup[]; readonly unprofiled: readonly number[] }
  | { readonly ok: false; readonly reason: string; readonly unprofiled: readonly number[] };

export function packLines(
  lines: readonly QuoteLine[],
  profiles: ReadonlyMap<number, PackagingProfile>,
  defaultBox: DefaultBox | undefined,
  locations: readonly PickupLocation[],
): Packing {
  const places: PackingPlaces = {
    byId: new Map(locations.map((location) => [location.id, location])),
    fallbackLocation: locations.find((location) => location.isDefault) ?? locations[0],
  };
  const groups = new Map<string, OpenGroup>();
  const unprofiled: number[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.requiresShipping) continue;
    const profile = profiles.get(index);
    const profiled = profile !== undefined && profile.packages.length > 0;
    if (!profiled) unprofiled.push(index);
    const packed = profiled
      ? packFromProfile(line, profile, places)
      : packFromShopWeight(line, defaultBox, places);
    if (!packed.ok) return { ok: false, reason: packed.reason, unprofiled };
    if (!packed.location) return { ok: false, reason: 'no pickup location is set up', unprofiled };
    const group = groups.get(packed.location.id) ?? {
      location: packed.location,
      packages: [],
      estimated: false,
      lines: [],
    };
    group.packages.push(...packed.packages);
    group.estimated ||= packed.estimated;
    group.lines.push(index);
    groups.set(packed.location.id, group);
  }
  return { ok: true, unprofiled, groups: [...groups.values()].map(closeGroup) };
}

interface OpenGroup {
  location: PickupLocation;
  packages: PackageLine[];
  estimated: boolean;
  lines: number[];
}

function closeGroup(group: OpenGroup): PackedGroup {
  const { id: _id, isDefault: _default, despatch, ...pickup } = group.location;
  return {
    locationId: group.location.id,
    pickup,
    ...(despatch ? { despatch } : {}),
    packages: mergeIdentical(group.packages),
    estimated: group.estimated,
    lineIndexes: group.lines,
  };
}
