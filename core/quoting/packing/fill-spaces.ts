/**
 * Items into as few of the merchant's spaces (box or pallet kinds, any number of each) as a greedy pass
 * finds: each round packs the remaining items into one of every kind, keeps the smallest kind that takes
 * them all, else the one that takes the most volume, and starts the next round with what is left. An
 * item that fits no kind comes back unplaced, to ship as it is.
 *
 * Deterministic: the items and kinds are sorted by fixed keys before packing, ties go to the earlier
 * one, and the library has no randomness; the same cart gives the same packages (and cache key).
 * Bounded: at most `maxRuns` library calls, after which the caller falls back.
 */
import { packIntoSpace, type ItemToPlace, type Placed, type Size } from './bin-packer.js';

export interface SpaceKind {
  readonly id: string;
  readonly sizeCm: Size;
  readonly capacityKg: number;
}

export interface Filled<K extends SpaceKind> {
  readonly kind: K;
  /** Indexes into the items given, with where each sits. */
  readonly placed: readonly Placed[];
}

export type FillResult<K extends SpaceKind> =
  | { readonly ok: true; readonly filled: readonly Filled<K>[]; readonly unplaced: readonly number[] }
  | { readonly ok: false; readonly reason: string };

const volume = (size: Size): number => size[0] * size[1] * size[2];

export function fillSpaces<K extends SpaceKind>(
  items: readonly ItemToPlace[],
  kinds: readonly K[],
  maxRuns: number,
): FillResult<K> {
  const sortedKinds = [...kinds].sort(
    (a, b) => volume(a.sizeCm) - volume(b.sizeCm) || a.capacityKg - b.capacityKg || compare(a.id, b.id),
  );
  let remaining = items
    .map((_item, index) => index)
    .filter((index) => sortedKinds.some((kind) => couldHold(kind, items[index])))
    .sort((a, b) => itemOrder(items, a, b));
  const unplaced = items.map((_item, index) => index).filter((index) => !remaining.includes(index));
  const filled: Filled<K>[] = [];
  let runs = 0;
  while (remaining.length > 0) {
    const round = bestKind(sortedKinds, remaining, items);
    runs += round.runs;
    if (runs > maxRuns) return { ok: false, reason: `packing took more than ${maxRuns} tries` };
    if (!round.best) {
      // Nothing takes the largest left (its weight with the others, or its shape): it ships as it is.
      unplaced.push(remaining[0] ?? -1);
      remaining = remaining.slice(1);
      continue;
    }
    filled.push(round.best);
    const taken = new Set(round.best.placed.map((placed) => placed.index));
    remaining = remaining.filter((index) => !taken.has(index));
  }
  return { ok: true, filled, unplaced: unplaced.sort((a, b) => a - b) };
}

interface Round<K extends SpaceKind> {
  readonly best: Filled<K> | undefined;
  readonly runs: number;
}

/** One of each kind tried on what is left; the smallest that takes everything wins outright. */
function bestKind<K extends SpaceKind>(
  kinds: readonly K[],
  remaining: readonly number[],
  items: readonly ItemToPlace[],
): Round<K> {
  const candidates = remaining.map((index) => items[index] as ItemToPlace);
  let best: Filled<K> | undefined;
  let bestVolume = 0;
  let runs = 0;
  for (const kind of kinds) {
    runs += 1;
    const placed = packIntoSpace(kind, candidates).map((p) => ({ ...p, index: remaining[p.index] ?? -1 }));
    if (placed.length === remaining.length) return { best: { kind, placed }, runs };
    const packedVolume = placed.reduce((sum, p) => sum + volume(p.size), 0);
    if (packedVolume > bestVolume) {
      best = { kind, placed };
      bestVolume = packedVolume;
    }
  }
  return { best, runs };
}

/** Whether the item alone could go in (any rotation, under the weight): a cheap filter before packing. */
function couldHold(kind: SpaceKind, item: ItemToPlace | undefined): boolean {
  if (!item || item.weightKg > kind.capacityKg) return false;
  const space = [...kind.sizeCm].sort((a, b) => a - b);
  const size = [...item.sizeCm].sort((a, b) => a - b);
  return size.every((side, axis) => side <= (space[axis] ?? 0));
}

/** Largest first, then heaviest, then the order given: a fixed order for the same cart. */
function itemOrder(items: readonly ItemToPlace[], a: number, b: number): number {
  const left = items[a] as ItemToPlace;
  const right = items[b] as ItemToPlace;
  return volume(right.sizeCm) - volume(left.sizeCm) || right.weightKg - left.weightKg || a - b;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
