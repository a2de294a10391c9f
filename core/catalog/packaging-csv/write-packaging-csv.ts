import type { PackagingProfile } from '../packaging-profile.js';
import { formatCsv } from '../csv-format.js';
import { PACKAGING_CSV_HEADER, type LocationRef } from '../packaging-csv.js';
import { decimalText } from '../units.js';

/**
 * The documented header, then one row per package (a profile without packages gets one row with its
 * package cells empty). Locations are written by name, or by id where a name holds a `|`; ids of locations
 * that no longer exist are left out, since they could not be imported. A BOM leads so that spreadsheets
 * open non-ASCII SKUs correctly; the reader skips it.
 */
export function writePackagingCsv(
  profiles: readonly PackagingProfile[],
  locations: readonly LocationRef[],
): string {
  const label = new Map(
    locations.map((location) => [location.id, location.name.includes('|') ? location.id : location.name]),
  );
  const rows: string[][] = [[...PACKAGING_CSV_HEADER]];
  for (const profile of profiles) {
    const shared = {
      sku: profile.sku ?? '',
      variant: profile.variantId ?? '',
      locations: profile.locationIds.flatMap((id) => label.get(id) ?? []).join('|'),
      consolidatable: profile.consolidatable ? 'true' : 'false',
      shipsAlone: profile.shipsAlone ? 'true' : 'false',
    };
    const packages = profile.packages.length > 0 ? profile.packages : [undefined];
    for (const pkg of packages) {
      rows.push([
        shared.sku,
        shared.variant,
        pkg?.type ?? '',
        pkg ? decimalText(pkg.lengthCm) : '',
        pkg ? decimalText(pkg.widthCm) : '',
        pkg ? decimalText(pkg.heightCm) : '',
        pkg ? decimalText(pkg.weightKg) : '',
        pkg ? String(pkg.quantity) : '',
        shared.locations,
        shared.consolidatable,
        shared.shipsAlone,
      ]);
    }
  }
  return formatCsv(rows, { bom: true });
}
