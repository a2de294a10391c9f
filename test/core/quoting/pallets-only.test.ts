/**
 * A merchant who ships by the pallet and has set up only pallets (no cartons): past the palletising
 * threshold the cartons go onto their pallet, and the tail-lift derived from weight sees the pallet as
 * packed (one heavy piece), not the light cartons on it. Through packLines, the function the engine calls,
 * with the real bin-packing library; the tail-lift through resolveDeliveryOptions with the group's
 * packages, as quote-groups.ts asks each group.
 */
import { describe, expect, it } from 'vitest';
import { packLines } from '../../../core/quoting/build-packages.js';
import type {
  Box,
  PackagingProfile,
  PackingSetup,
  PickupLocation,
} from '../../../core/quoting/packaging-types.js';
import type { QuoteLine } from '../../../core/quoting/quote-request.js';
import { DEFAULT_QUOTE_SETTINGS } from '../../../core/quoting/quote-settings.js';
import { resolveDeliveryOptions } from '../../../core/quoting/resolve-delivery-options.js';

const WAREHOUSE = {
  id: 'loc_1',
  isDefault: true,
  name: 'Richmond',
  suburb: 'Richmond',
  postcode: '3121',
  state: 'VIC',
} as unknown as PickupLocation;

const PALLET: Box = {
  id: 'box_pallet1',
  name: 'Chep pallet',
  kind: 'pallet',
  lengthCm: 116.5,
  widthCm: 116.5,
  baseHeightCm: 15,
  maxHeightCm: 180,
  tareWeightKg: 30,
  maxWeightKg: 1030,
  bigPostMhp: false,
  updatedAt: '2026-12-04T00:00:00.000Z',
};

const setup = (palletiseOverPackages: number | undefined): PackingSetup => ({
  boxes: [PALLET],
  settings: { maxPackedItems: 100, ...(palletiseOverPackages ? { palletiseOverPackages } : {}) },
});

/** Six 12 kg cartons of one SKU: each under the 30 kg tail-lift weight, together well over it. */
const lines: QuoteLine[] = [{ sku: 'CASE', quantity: 6, priceCents: 5000, requiresShipping: true }];
const profiles = new Map<number, PackagingProfile>([
  [
    0,
    {
      packages: [{ type: 'carton', lengthCm: 40, widthCm: 30, heightCm: 30, weightKg: 12, quantity: 1 }],
      locationIds: [],
      consolidatable: false,
    },
  ],
]);

const packed = (threshold: number | undefined) => {
  const packing = packLines(lines, profiles, undefined, [WAREHOUSE], setup(threshold));
  if (!packing.ok) throw new Error(packing.reason);
  const [group] = packing.groups;
  if (!group) throw new Error('no group');
  return group;
};

describe('pallets as the only boxes', () => {
  it('puts the cartons onto the pallet past the threshold', () => {
    const group = packed(4);
    expect(group.packing).toMatchObject({ method: 'boxes', fallback: false });
    expect(group.packing.pallets).toHaveLength(1);
    expect(group.packing.pallets[0]?.items).toHaveLength(6);
    expect(group.packages).toEqual([
      expect.objectContaining({ type: 'pallet', quantity: 1, weightKg: 30 + 6 * 12 }),
    ]);
    // No "fit no box" note: there are no cartons for the units to fit.
    expect(group.packing.note).toBeUndefined();
  });

  it('keeps the cartons as they are under the threshold', () => {
    const group = packed(undefined);
    expect(group.packages).toEqual([expect.objectContaining({ type: 'carton', quantity: 6, weightKg: 12 })]);
    expect(group.packing.pallets).toEqual([]);
  });

  it('derives the tail-lift from the pallet as packed, not the light cartons on it', () => {
    const resolve = (threshold: number | undefined) =>
      resolveDeliveryOptions(DEFAULT_QUOTE_SETTINGS.deliveryOptions, {
        answers: undefined,
        packages: packed(threshold).packages,
        company: undefined,
      }).logged;
    expect(resolve(4)).toMatchObject({ tailLift: true, from: { tailLift: 'derived' } });
    expect(resolve(undefined)).toMatchObject({ tailLift: false, from: { tailLift: 'derived' } });
  });
});
