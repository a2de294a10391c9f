/**
 * Cart lines -> packages -> groups per pickup location. A line is packed by its packaging profile; without
 * one, by the shop's weight in the merchant's default box (marked estimated, so the rate log and the
 * missing-dimensions report show it); without either it cannot be quoted and the quote falls back.
 */
import type { PackageLine, PickupPoint } from '../platforms/freight-platform.js';
import type { DefaultBox, PackagingProfile as StoredProfile } from '../wire/admin-api-types.js';
import type { QuoteLine } from './quote-request.js';

/** What packing reads of a product's packaging profile (core/wire); locations in priority order. */
export type PackagingProfile = Pick<StoredProfile, 'packages' | 'locationIds' | 'consolidatable'>;
export type { DefaultBox } from '../wire/admin-api-types.js';

export interface PickupLocation extends PickupPoint {
  readonly id: string;
  readonly isDefault: boolean;
}

export interface PackedGroup {
  readonly locationId: string;
  readonly pickup: PickupPoint;
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
  const byId = new Map(locations.map((location) => [location.id, location]));
  const fallbackLocation = locations.find((location) => location.isDefault) ?? locations[0];
  const groups = new Map<
    string,
    { location: PickupLocation; packages: PackageLine[]; estimated: boolean; lines: number[] }
  >();
  const unprofiled: number[] = [];

  for (const [index, line] of lines.entries()) {
    if (!line.requiresShipping) continue;
    const profile = profiles.get(index);
    let location: PickupLocation | undefined;
    let packages: PackageLine[];
    let estimated = false;
    const describe = (line.sku ?? (line.variantId ? `variant ${line.variantId}` : 'item')).slice(0, 50);

    if (profile && profile.packages.length > 0) {
      location =
        profile.locationIds.map((id) => byId.get(id)).find((found) => found !== undefined) ??
        fallbackLocation;
      packages = profile.packages.map((p) => ({
        type: p.type,
        lengthCm: p.lengthCm,
        widthCm: p.widthCm,
        heightCm: p.heightCm,
        weightKg: p.weightKg,
        quantity: (p.quantity ?? 1) * line.quantity,
        description: describe,
        ...(line.sku ? { sku: line.sku } : {}),
        consolidatable: profile.consolidatable,
      }));
    } else {
      unprofiled.push(index);
      const grams = line.grams ?? 0;
      const box = line.dimensionsCm
        ? {
            type: 'carton' as const,
            lengthCm: line.dimensionsCm.length,
            widthCm: line.dimensionsCm.width,
            heightCm: line.dimensionsCm.height,
            tareWeightKg: 0,
          }
        : defaultBox;
      if (grams <= 0 || !box) {
        return {
          ok: false,
          reason: `"${describe}" has no packaging profile${grams <= 0 ? ' and no weight' : ' and there is no default box'}`,
          unprofiled,
        };
      }
      location = fallbackLocation;
      estimated = !line.dimensionsCm;
      packages = [
        {
          type: box.type,
          lengthCm: box.lengthCm,
          widthCm: box.widthCm,
          heightCm: box.heightCm,
          weightKg: round3(grams / 1000 + box.tareWeightKg),
          quantity: line.quantity,
          description: describe,
          ...(line.sku ? { sku: line.sku } : {}),
          consolidatable: true,
        },
      ];
    }
    if (!location) return { ok: false, reason: 'no pickup location is set up', unprofiled };
    const group = groups.get(location.id) ?? { location, packages: [], estimated: false, lines: [] };
    group.packages.push(...packages);
    group.estimated ||= estimated;
    group.lines.push(index);
    groups.set(location.id, group);
  }

  return {
    ok: true,
    unprofiled,
    groups: [...groups.values()].map((group) => ({
      locationId: group.location.id,
      pickup: pickupPoint(group.location),
      packages: mergeIdentical(group.packages),
      estimated: group.estimated,
      lineIndexes: group.lines,
    })),
  };
}

function pickupPoint(location: PickupLocation): PickupPoint {
  const { id: _id, isDefault: _default, ...point } = location;
  return point;
}

/** Identical packages travel as one item line with a quantity: smaller requests, better cache hits. */
function mergeIdentical(packages: readonly PackageLine[]): PackageLine[] {
  const merged = new Map<string, PackageLine>();
  for (const p of packages) {
    const key = JSON.stringify([
      p.type,
      p.lengthCm,
      p.widthCm,
      p.heightCm,
      p.weightKg,
      p.sku ?? '',
      p.consolidatable ?? false,
    ]);
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, quantity: existing.quantity + p.quantity } : p);
  }
  return [...merged.values()];
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
