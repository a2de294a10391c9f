/**
 * The packer's work bound (core/quoting/packing/fill-spaces.ts): each library call is charged for the
 * items handed times the items placed, packing stops past the budget (one budget per group, boxes and
 * pallets together), and the count, not a clock, decides:
 * the same cart is charged the same and gets the same answer. A cart the checkout bound cannot afford
 * (many small items, roomy boxes of ten kinds) ships one package set per unit, with the reason.
 * No timings are asserted here; scripts/measure-packing.ts measures them (docs/packaging.md).
 */
import { describe, expect, it } from 'vitest';
import type { Box, PackingSetup } from '../../../core/quoting/packaging-types.js';
import type { ItemToPlace } from '../../../core/quoting/packing/bin-packer.js';
import { spaceOf } from '../../../core/quoting/packing/box-geometry.js';
import { fillSpaces } from '../../../core/quoting/packing/fill-spaces.js';
import { packGroup, type UnitItem } from '../../../core/quoting/packing/pack-group.js';
import { MAX_PACKING_WORK } from '../../../core/quoting/packing/packed-box.js';
import { palletise } from '../../../core/quoting/packing/palletise.js';

const box = (k: number, scale: number): Box => ({
  id: `box_${String(k).padStart(8, '0')}`,
  name: `Box ${k}`,
  kind: 'carton',
  innerCm: { lengthCm: (20 + k * 2) * scale, widthCm: (16 + k) * scale, heightCm: (12 + k) * scale },
  wallCm: 0.5,
  tareWeightKg: 0.3,
  maxWeightKg: 100,
  bigPostMhp: false,
  updatedAt: '2026-12-04T00:00:00.000Z',
});
const units = (count: number): UnitItem[] =>
  Array.from({ length: count }, (_, i) => ({
    line: i % 20,
    pkg: {
      type: 'carton',
      lengthCm: 6 + ((i % 20) % 7) * 2.5,
      widthCm: 5 + ((i % 20) % 5) * 2,
      heightCm: 4 + ((i % 20) % 3) * 3,
      weightKg: 0.3 + ((i % 20) % 4) * 0.6,
      quantity: 1,
      description: 'item',
    },
  }));
const asItems = (list: readonly UnitItem[]): ItemToPlace[] =>
  list.map(({ pkg }) => ({ sizeCm: [pkg.lengthCm, pkg.widthCm, pkg.heightCm], weightKg: pkg.weightKg }));

describe("the packer's work bound", () => {
  it('charges each call n × (placed + 1), the same every time', () => {
    const kinds = [box(0, 1)].map(spaceOf);
    const one = fillSpaces(asItems(units(3)), kinds, 1e12);
    // Three small items fit one box in one call: 3 × (3 + 1).
    expect(one).toMatchObject({ ok: true, work: 12 });
    const items = asItems(units(60));
    const tenKinds = Array.from({ length: 10 }, (_, k) => spaceOf(box(k, 1)));
    const a = fillSpaces(items, tenKinds, 1e12);
    const b = fillSpaces(items, tenKinds, 1e12);
    expect(a.ok && b.ok && a.work === b.work && a.work > 0).toBe(true);
    if (!a.ok) return;
    // Just under what it needs: refused, with the reason; exactly enough: the same packing.
    expect(fillSpaces(items, tenKinds, a.work - 1)).toEqual({
      ok: false,
      reason: 'packing took more than its work budget',
    });
    expect(fillSpaces(items, tenKinds, a.work)).toEqual(a);
  });

  it('ships a cart past the checkout bound one package set per unit, and says why', () => {
    const setup: PackingSetup = {
      boxes: Array.from({ length: 10 }, (_, k) => box(k, 2)),
      settings: { maxPackedItems: 200 },
    };
    const packed = packGroup(units(200), setup);
    expect(packed.packing).toMatchObject({
      method: 'per-unit',
      fallback: true,
      note: `packing took more than its work budget of ${MAX_PACKING_WORK}`,
    });
    expect(packed.packages).toHaveLength(200);
    // A cart of the usual size still packs into the merchant's boxes.
    expect(packGroup(units(40), setup).packing).toMatchObject({ method: 'boxes', fallback: false });
  });

  it('gives palletising only what boxing left of the group budget', () => {
    const pallet: Box = {
      id: 'box_pallet01',
      name: 'Pallet',
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
    // Only pallets: no boxing, so the whole budget goes to palletising 150 loose units, which fits.
    const settings = { maxPackedItems: 200, palletiseOverPackages: 3 };
    const loose = packGroup(units(150), { boxes: [pallet], settings });
    expect(loose.packing).toMatchObject({ method: 'boxes', fallback: false });
    expect(loose.packing.pallets.length).toBeGreaterThan(0);
    const alone = fillSpaces(asItems(units(150)), [spaceOf(pallet)], 1e12);
    expect(alone.ok && alone.work).toBeLessThan(MAX_PACKING_WORK);
    if (!alone.ok) return;
    // Palletising spends no more than it is given (packGroup gives it what boxing left).
    const contents = units(150).map((unit) => ({ pkg: unit.pkg, label: { line: unit.line } }));
    const setup = { boxes: [pallet], settings };
    expect(palletise(contents, setup, alone.work - 1)).toEqual({
      ok: false,
      reason: 'packing took more than its work budget',
    });
    expect(palletise(contents, setup, alone.work)).toMatchObject({ ok: true });
  });
});
