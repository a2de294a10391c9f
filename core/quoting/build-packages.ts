/**
 * Cart lines -> packages -> groups per pickup location. A line is packed by its packaging profile; without
 * one, by the shop's weight in the merchant's default box (marked estimated, so the rate log and the
 * missing-dimensions report show it); without either it cannot be quoted and the quote falls back.
 *
 * When the merchant has set up boxes, the measured units of each group (profile packages and shop
 * dimensions, not lines that ship alone or were estimated) are packed into them, and past the merchant's
 * thresholds onto pallets (packing/pack-group.ts, docs/packaging.md).
 */
import type { PackageLine, PickupPoint } from '../platforms/freight-platform.js';
import type { DespatchSettings } from '../wire/admin-api-types.js';
import type {
  DefaultBox,
  GroupPacking,
  PackagingProfile,
  PackingSetup,
  PickupLocation,
} from './packaging-types.js';
import { mergeIdentical } from './merge-identical.js';
import { packFromProfile, packFromShopWeight, type PackedLine, type PackingPlaces } from './pack-line.js';
import { packGroup, type GroupPacked, type UnitItem } from './packing/pack-group.js';
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
  /** How the group's packable units were packed (per unit when no boxes are set up). */
  readonly packing: GroupPacking;
}

export type Packing =
  | { readonly ok: true; readonly groups: readonly PackedGroup[]; readonly unprofiled: readonly number[] }
  | { readonly ok: false; readonly reason: string; readonly unprofiled: readonly number[] };

/** Packs one group's units into the merchant's boxes: packGroup, or the engine's memo of it. */
export type GroupPacker = (units: readonly UnitItem[], setup: PackingSetup) => GroupPacked;

export function packLines(
  lines: readonly QuoteLine[],
  profiles: ReadonlyMap<number, PackagingProfile>,
  defaultBox: DefaultBox | undefined,
  locations: readonly PickupLocation[],
  setup?: PackingSetup,
  packer: GroupPacker = packGroup,
): Packing {
  const places: PackingPlaces = {
    byId: new Map(locations.map((location) => [location.id, location])),
    fallbackLocation: locations.find((location) => location.isDefault) ?? locations[0],
  };
  // Any box, pallets included: a merchant who set up only pallets still has cartons palletised.
  const boxing = setup !== undefined && setup.boxes.length > 0;
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
    const group = openGroup(groups, packed.location);
    const packable = boxing && !packed.estimated && profile?.shipsAlone !== true;
    if (packable) group.packable.push({ line: index, packages: packed.packages });
    else group.packages.push(...packed.packages);
    group.estimated ||= packed.estimated;
    group.lines.push(index);
  }
  const closed = [...groups.values()].map((group) => closeGroup(group, setup, packer));
  return { ok: true, unprofiled, groups: closed };
}

interface OpenGroup {
  location: PickupLocation;
  packages: PackageLine[];
  /** Lines whose units go into the merchant's boxes, with their packages as the profile says. */
  packable: { line: number; packages: Extract<PackedLine, { ok: true }>['packages'] }[];
  estimated: boolean;
  lines: number[];
}

function openGroup(groups: Map<string, OpenGroup>, location: PickupLocation): OpenGroup {
  const existing = groups.get(location.id);
  if (existing) return existing;
  const group: OpenGroup = { location, packages: [], packable: [], estimated: false, lines: [] };
  groups.set(location.id, group);
  return group;
}

function closeGroup(group: OpenGroup, setup: PackingSetup | undefined, packer: GroupPacker): PackedGroup {
  const { id: _id, isDefault: _default, despatch, ...pickup } = group.location;
  const boxed = packPackable(group, setup, packer);
  return {
    locationId: group.location.id,
    pickup,
    ...(despatch ? { despatch } : {}),
    packages: mergeIdentical([...boxed.packages, ...group.packages]),
    estimated: group.estimated,
    lineIndexes: group.lines,
    packing: boxed.packing,
  };
}

const UNPACKED: GroupPacking = { method: 'per-unit', fallback: false, boxes: [], pallets: [] };

/** The packable lines' units into boxes; counted before they are listed, so a huge quantity stays cheap. */
function packPackable(
  group: OpenGroup,
  setup: PackingSetup | undefined,
  packer: GroupPacker,
): { packages: readonly PackageLine[]; packing: GroupPacking } {
  const all = group.packable.flatMap((entry) => entry.packages);
  if (!setup || all.length === 0) return { packages: all, packing: UNPACKED };
  const count = all.reduce((sum, pkg) => sum + pkg.quantity, 0);
  const cap = setup.settings.maxPackedItems;
  if (count > cap) {
    const note = `${count} items is over the packing cap of ${cap}`;
    return { packages: all, packing: { ...UNPACKED, fallback: true, note } };
  }
  const units: UnitItem[] = group.packable.flatMap(({ line, packages }) =>
    packages.flatMap((pkg) =>
      Array.from({ length: pkg.quantity }, () => ({ line, pkg: { ...pkg, quantity: 1 } })),
    ),
  );
  return packer(units, setup);
}
