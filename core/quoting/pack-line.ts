/** One cart line -> its packages and pickup location: by its profile, else estimated from shop weight. */
import type { PackageLine } from '../platforms/freight-platform.js';
import type { DefaultBox, PackagingProfile, PickupLocation } from './packaging-types.js';
import type { QuoteLine } from './quote-request.js';

export type PackedLine =
  | {
      readonly ok: true;
      readonly location: PickupLocation | undefined;
      readonly packages: PackageLine[];
      /** Packed from shop weight and the default box rather than measured dimensions. */
      readonly estimated: boolean;
    }
  | { readonly ok: false; readonly reason: string };

export interface PackingPlaces {
  readonly byId: ReadonlyMap<string, PickupLocation>;
  /** The default location (or the first), for lines whose profile names none that exists. */
  readonly fallbackLocation: PickupLocation | undefined;
}

/** The packages a profile lists, multiplied by the line's quantity, from its first existing location. */
export function packFromProfile(
  line: QuoteLine,
  profile: PackagingProfile,
  places: PackingPlaces,
): PackedLine {
  const location =
    profile.locationIds.map((id) => places.byId.get(id)).find((found) => found !== undefined) ??
    places.fallbackLocation;
  const packages = profile.packages.map((p) => ({
    type: p.type,
    lengthCm: p.lengthCm,
    widthCm: p.widthCm,
    heightCm: p.heightCm,
    weightKg: p.weightKg,
    quantity: (p.quantity ?? 1) * line.quantity,
    description: describe(line),
    ...(line.sku ? { sku: line.sku } : {}),
    consolidatable: profile.consolidatable,
  }));
  return { ok: true, location, packages, estimated: false };
}

/** No profile: the shop's weight in the shop's dimensions, else in the merchant's default box. */
export function packFromShopWeight(
  line: QuoteLine,
  defaultBox: DefaultBox | undefined,
  places: PackingPlaces,
): PackedLine {
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
    const missing = grams <= 0 ? ' and no weight' : ' and there is no default box';
    return { ok: false, reason: `"${describe(line)}" has no packaging profile${missing}` };
  }
  const packages = [
    {
      type: box.type,
      lengthCm: box.lengthCm,
      widthCm: box.widthCm,
      heightCm: box.heightCm,
      weightKg: round3(grams / 1000 + box.tareWeightKg),
      quantity: line.quantity,
      description: describe(line),
      ...(line.sku ? { sku: line.sku } : {}),
      consolidatable: true,
    },
  ];
  return { ok: true, location: places.fallbackLocation, packages, estimated: !line.dimensionsCm };
}

/** What the platform's item description says: the SKU, else the variant, never a customer's data. */
function describe(line: QuoteLine): string {
  return (line.sku ?? (line.variantId ? `variant ${line.variantId}` : 'item')).slice(0, 50);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
