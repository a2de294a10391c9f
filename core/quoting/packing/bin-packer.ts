/**
 * The one file that knows the 3-D bin-packing library (binpackingjs, docs/packaging.md says why this
 * one): packs items into ONE space and says where each landed. Swapping the library means rewriting
 * this file only.
 *
 * The library is handed whole millimetres and grams, so its arithmetic is exact and its own decimal
 * scaling never engages. Items are rounded up and the space down: a placement it reports is inside the
 * real box and under its real weight limit, never "fits after rounding".
 */
import { pack3D as libraryPack3D } from 'binpackingjs/3d';

// binpackingjs 4.1.0 ships declarations whose relative re-exports have no file extension, which
// TypeScript's NodeNext resolution cannot follow (they come out `any`), so the slice of its API used
// here is declared from its src/3d/types.ts.
interface Item3D {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly weight: number;
}
interface Pack3DResult {
  readonly packedBins: readonly {
    readonly items: readonly {
      readonly position: readonly [number, number, number];
      readonly dimension: readonly [number, number, number];
      readonly sourceItem: Item3D;
    }[];
  }[];
}
type Pack3D = (options: {
  readonly bins: readonly (Omit<Item3D, 'weight'> & { readonly maxWeight: number })[];
  readonly items: readonly Item3D[];
  readonly factor?: number;
}) => Pack3DResult;
const pack3D: Pack3D = libraryPack3D;

/** Length, width, height in cm (x, y, z; z is up). */
export type Size = readonly [number, number, number];

export interface SpaceToFill {
  readonly sizeCm: Size;
  /** What may go in, kg (the box's maximum less its tare). */
  readonly capacityKg: number;
}

export interface ItemToPlace {
  readonly sizeCm: Size;
  readonly weightKg: number;
}

export interface Placed {
  /** The item's index in the list given. */
  readonly index: number;
  /** Its corner nearest the origin and its size as placed (rotated), cm. */
  readonly at: Size;
  readonly size: Size;
}

const up = (cm: number): number => Math.ceil(Math.round(cm * 1000) / 100);
const down = (cm: number): number => Math.floor(Math.round(cm * 1000) / 100);
const grams = (kg: number, round: (value: number) => number): number => round(Math.round(kg * 1e6) / 1000);

/** The items that fit into the space (largest first, as the library orders them) and where. */
export function packIntoSpace(space: SpaceToFill, items: readonly ItemToPlace[]): Placed[] {
  const capacity = grams(space.capacityKg, Math.floor);
  if (capacity <= 0) return [];
  const bin = {
    name: 'space',
    width: down(space.sizeCm[0]),
    depth: down(space.sizeCm[1]),
    height: down(space.sizeCm[2]),
    maxWeight: capacity,
  };
  const byItem = new Map<Item3D, number>();
  const libraryItems = items.map((item, index) => {
    const libraryItem: Item3D = {
      name: String(index),
      width: up(item.sizeCm[0]),
      depth: up(item.sizeCm[1]),
      height: up(item.sizeCm[2]),
      weight: Math.max(1, grams(item.weightKg, Math.ceil)),
    };
    byItem.set(libraryItem, index);
    return libraryItem;
  });
  // factor 1: the values are already whole numbers.
  const result = pack3D({ bins: [bin], items: libraryItems, factor: 1 });
  return (result.packedBins[0]?.items ?? []).flatMap((placed) => {
    const index = byItem.get(placed.sourceItem);
    if (index === undefined) return [];
    // The library's axes: [width, height, depth]; ours: [length, width, up].
    const [x, z, y] = placed.position;
    const [l, h, w] = placed.dimension;
    return [{ index, at: [x / 10, y / 10, z / 10], size: [l / 10, w / 10, h / 10] }];
  });
}
