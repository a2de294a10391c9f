/**
 * One pickup group's packable units into the merchant's boxes (if any: a merchant may set up pallets only),
 * then (past the merchant's thresholds) the boxes, and the units no box took, onto pallets. Units no box takes ship in their own packaging; over the item cap or the packer's
 * try budget the whole group ships one package set per unit, as before boxes existed (`fallback`).
 */
import type { PackageLine } from '../../platforms/freight-platform.js';
import type { GroupPacking, PackingSetup } from '../packaging-types.js';
import { spaceOf } from './box-geometry.js';
import { fillSpaces } from './fill-spaces.js';
import { MAX_PACKING_WORK, boxAndPackage, toItem, type Content } from './packed-box.js';
import { palletise } from './palletise.js';

/** One physical package of one unit of cart line `line`, as its profile (or shop dimensions) says. */
export interface UnitItem {
  readonly line: number;
  readonly pkg: PackageLine;
}

export interface GroupPacked {
  readonly packages: readonly PackageLine[];
  readonly packing: GroupPacking;
}

export function packGroup(units: readonly UnitItem[], setup: PackingSetup): GroupPacked {
  const containers = setup.boxes.filter((box) => box.kind !== 'pallet').map(spaceOf);
  const cap = setup.settings.maxPackedItems;
  if (units.length > cap) {
    return perUnit(units, `${units.length} items is over the packing cap of ${cap}`);
  }
  const contents: Content[] = units.map((unit) => ({ pkg: unit.pkg, label: { line: unit.line } }));
  const fill = fillSpaces(contents.map(toItem), containers, MAX_PACKING_WORK);
  const overBudget = `packing took more than its work budget of ${MAX_PACKING_WORK}`;
  if (!fill.ok) return perUnit(units, overBudget);
  const boxed = fill.filled.map((filled) => boxAndPackage(filled, contents));
  const loose = fill.unplaced.flatMap((index) => contents[index] ?? []);
  // One budget for the group: what boxing left is what palletising may spend.
  const onto = [...boxed.map((b, box) => ({ pkg: b.pkg, label: { box } })), ...loose];
  const pallets = palletise(onto, setup, MAX_PACKING_WORK - fill.work);
  if (!pallets.ok) return perUnit(units, overBudget);
  return {
    packages: pallets.packages,
    packing: {
      method: 'boxes',
      fallback: false,
      boxes: boxed.map((b) => b.record),
      pallets: pallets.pallets,
      // Only where there were boxes to fit: with pallets alone, units travel in their own packaging.
      ...(loose.length > 0 && containers.length > 0
        ? { note: `${loose.length} items fit no box and ship in their own packaging` }
        : {}),
    },
  };
}

function perUnit(units: readonly UnitItem[], note: string): GroupPacked {
  return {
    packages: units.map((unit) => unit.pkg),
    packing: { method: 'per-unit', note, fallback: true, boxes: [], pallets: [] },
  };
}
