/** A filled box as the test quote draws it (PackedBox), and as the package the platform is sent. */
import type { PackageLine } from '../../platforms/freight-platform.js';
import type { Box, PackedBox } from '../packaging-types.js';
import { outsideOf, type BoxSpace } from './box-geometry.js';
import type { ItemToPlace } from './bin-packer.js';
import type { Filled } from './fill-spaces.js';

/**
 * The packer's work per pickup group, boxes and pallets together, as fill-spaces.ts charges it: the worst
 * cart measured took 50 to 230 ms of the busy development machine's CPU (docs/packaging.md), so a
 * checkout's packing stays far inside its deadline; carts of about 100 items, or 200 books, still pack.
 */
export const MAX_PACKING_WORK = 60_000;

export interface Content {
  readonly pkg: PackageLine;
  /** What the picture labels it: a unit of a cart line, or (on a pallet) a packed box. */
  readonly label: { readonly line: number } | { readonly box: number };
}

export interface BoxAndPackage {
  readonly record: PackedBox;
  readonly pkg: PackageLine;
}

/** The box with its contents placed: its outside (a pallet as high as its load) and weight, tare included. */
export function boxAndPackage(filled: Filled<BoxSpace>, contents: readonly Content[]): BoxAndPackage {
  const box: Box = filled.kind.box;
  const inside = filled.placed.flatMap((placed) => {
    const content = contents[placed.index];
    return content ? [{ placed, content }] : [];
  });
  const load = Math.max(0, ...inside.map(({ placed }) => placed.at[2] + placed.size[2]));
  const outside = outsideOf(box, load);
  const weightKg = round3(
    box.tareWeightKg + inside.reduce((sum, { content }) => sum + content.pkg.weightKg, 0),
  );
  const record: PackedBox = {
    boxId: box.id,
    name: box.name,
    kind: box.kind,
    innerCm: [...filled.kind.sizeCm],
    outerCm: [...outside],
    weightKg,
    maxWeightKg: box.maxWeightKg,
    items: inside.map(({ placed, content }) => ({
      ...content.label,
      at: [...placed.at],
      size: [...placed.size],
    })),
  };
  const pkg: PackageLine = {
    type: box.kind,
    lengthCm: outside[0],
    widthCm: outside[1],
    heightCm: outside[2],
    weightKg,
    quantity: 1,
    description: box.name,
    // The platform may consolidate the box only if it may consolidate everything in it.
    consolidatable: inside.every(({ content }) => content.pkg.consolidatable === true),
    ...(box.bigPostMhp ? { bigPostMhp: true } : {}),
  };
  return { record, pkg };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function toItem(content: { readonly pkg: PackageLine }): ItemToPlace {
  const { lengthCm, widthCm, heightCm, weightKg } = content.pkg;
  return { sizeCm: [lengthCm, widthCm, heightCm], weightKg };
}
