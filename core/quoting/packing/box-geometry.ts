/**
 * What a merchant's box is to the packer (the space inside and what may go in) and to the platform (the
 * package it becomes). A carton's or satchel's outside is measured or its inside plus a wall each side; a
 * pallet's load space is its deck up to its maximum height, and its package is as high as its load.
 */
import type { Size } from './bin-packer.js';
import type { SpaceKind } from './fill-spaces.js';
import type { Box } from '../packaging-types.js';

export interface BoxSpace extends SpaceKind {
  readonly box: Box;
}

export function spaceOf(box: Box): BoxSpace {
  const capacityKg = Math.max(0, box.maxWeightKg - box.tareWeightKg);
  if (box.kind === 'pallet') {
    const load = Math.max(0, box.maxHeightCm - box.baseHeightCm);
    return { id: box.id, box, capacityKg, sizeCm: [box.lengthCm, box.widthCm, load] };
  }
  const inner = box.innerCm;
  return { id: box.id, box, capacityKg, sizeCm: [inner.lengthCm, inner.widthCm, inner.heightCm] };
}

/** The package's outside. `loadHeightCm`: how high a pallet is stacked (ignored for boxes). */
export function outsideOf(box: Box, loadHeightCm: number): Size {
  if (box.kind === 'pallet') return [box.lengthCm, box.widthCm, round1(box.baseHeightCm + loadHeightCm)];
  if (box.outerCm) return [box.outerCm.lengthCm, box.outerCm.widthCm, box.outerCm.heightCm];
  const wall = 2 * (box.wallCm ?? 0);
  const inner = box.innerCm;
  return [round1(inner.lengthCm + wall), round1(inner.widthCm + wall), round1(inner.heightCm + wall)];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
