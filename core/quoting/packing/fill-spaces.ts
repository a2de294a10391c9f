/**
 * Items into as few of the merchant's spaces (box or pallet kinds, any number of each) as a greedy pass
 * finds: each round packs the remaining items into one of every kind, keeps the smallest kind that takes
 * them all, else the one that takes the most volume, and starts the next round with what is left. An
 * item that fits no kind comes back unplaced, to ship as it is.
 *
 * Deterministic: the items and kinds are sorted by fixed keys before packing, ties go to the earlier
 * one, and the library has no randomness; the same cart gives the same packages (and cache key).
 * Bounded by work, not by calls: a library call's time grows with the items handed (n) times the items
 * it places (p: each item tries the pivots of the placed ones), so a call is charged n × (p + 1) and
 * packing stops, for the caller to fall back, as soon as the charges pass `maxWork`. The model was fitted
 * with scripts/measure-packing.ts over small and roomy boxes, few and many items (docs/packaging.md,
 * "Bounds"): about a microsecond per unit on the busy development machine, whatever the cart's shape.
 * Counted, not timed: the same cart gets the same answer on a busy machine.
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
  | {
      readonly ok: true;
      readonly filled: readonly Filled<K>[];
      readonly unplaced: readonly number[];
      /** The work charged (see above), for measuring. */
      readonly work: number;
    }
  | { readonly ok: false; readonly reason: string };

const volume = (size: Size): number => size[0] * size[1] * size[2];

export function fillSpaces<K extends SpaceKind>(
  items: readonly ItemToPlace[],
  kinds: readonly K[],
  maxWork: number,
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
  const budget = { left: maxWork };
  while (remaining.length > 0) {
    const round = bestKind(sortedKinds, remaining, items, budget);
    if (budget.left < 0) return { ok: false, reason: 'packing took more than its work budget' };
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
  return { ok: true, filled, unplaced: unplaced.sort((a, b) => a - b), work: maxWork - budget.left };
}

interface Round<K extends SpaceKind> {
  readonly best: Filled<K> | undefined;
}

/**
 * One of each kind tried on what is left; the smallest that takes everything wins outright. Each call is
 * charged to the budget; past it the round stops at once (the caller falls back).
 */
function bestKind<K extends SpaceKind>(
  kinds: readonly K[],
  remaining: readonly number[],
  items: readonly ItemToPlace[],
  budget: { left: number },
): Round<K> {
  const candidates = remaining.map((index) => items[index] as ItemToPlace);
  let best: Filled<K> | undefined;
  let bestVolume = 0;
  for (const kind of kinds) {
    const placed = packIntoSpace(kind, candidates).map((p) => ({ ...p, index: remaining[p.index] ?? -1 }));
    budget.left -= candidates.length * (placed.length + 1);
    if (budget.left < 0) return { best: undefined };
    if (placed.length === remaining.length) return { best: { kind, placed } };
    const packedVolume = placed.reduce((sum, p) => sum + volume(p.size), 0);
    if (packedVolume > bestVolume) {
      best = { kind, placed };
      bestVolume = packedVolume;
    }
  }
  return { best };
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
