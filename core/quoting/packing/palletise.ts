/**
 * Cartons onto pallets, once a pickup group is past the merchant's thresholds (more than N packages, or
 * over X kg together, to the one address): the packages after boxing are packed onto the merchant's
 * pallet kinds like items into boxes. Pallets and skids already in the list stay as they are, and so
 * does anything no pallet takes.
 */
import type { PackageLine } from '../../platforms/freight-platform.js';
import type { PackedBox, PackingSetup, PackingSettings } from '../packaging-types.js';
import { spaceOf } from './box-geometry.js';
import { fillSpaces } from './fill-spaces.js';
import { boxAndPackage, toItem, type Content } from './packed-box.js';

export type Palletised =
  | { readonly ok: true; readonly packages: readonly PackageLine[]; readonly pallets: readonly PackedBox[] }
  | { readonly ok: false; readonly reason: string };

const STAYS = new Set<string>(['pallet', 'skid']);

/** Each content is one package (quantity 1): a packed box, or a unit no box took. */
/** `maxWork`: what is left of the group's packing budget (packed-box.ts) after boxing. */
export function palletise(contents: readonly Content[], setup: PackingSetup, maxWork: number): Palletised {
  const pallets = setup.boxes.filter((box) => box.kind === 'pallet').map(spaceOf);
  const stays = contents.filter((content) => STAYS.has(content.pkg.type));
  const candidates = contents.filter((content) => !STAYS.has(content.pkg.type));
  if (pallets.length === 0 || !pastThreshold(candidates, setup.settings)) {
    return { ok: true, packages: contents.map((content) => content.pkg), pallets: [] };
  }
  const fill = fillSpaces(candidates.map(toItem), pallets, maxWork);
  if (!fill.ok) return fill;
  const loaded = fill.filled.map((filled) => boxAndPackage(filled, candidates));
  const left = fill.unplaced.flatMap((index) => candidates[index] ?? []);
  return {
    ok: true,
    packages: [...loaded.map((pallet) => pallet.pkg), ...[...left, ...stays].map((content) => content.pkg)],
    pallets: loaded.map((pallet) => pallet.record),
  };
}

function pastThreshold(contents: readonly Content[], settings: PackingSettings): boolean {
  const weight = contents.reduce((sum, content) => sum + content.pkg.weightKg, 0);
  const { palletiseOverPackages: overCount, palletiseOverKg: overKg } = settings;
  return (
    (overCount !== undefined && contents.length > overCount) || (overKg !== undefined && weight > overKg)
  );
}
