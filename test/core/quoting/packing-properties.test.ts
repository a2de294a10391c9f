/**
 * Packing's promises over random carts and random box sets (fast-check), through packLines, the function
 * the quote engine calls, with the real bin-packing library underneath: never more packages than units,
 * never a box or pallet over its maximum weight, never an item outside its box or overlapping another,
 * every unit accounted for once, lines that ship alone never boxed, and the same cart always giving the
 * same packages (and so the same cache key), whatever order the boxes are listed in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packLines, type PackedGroup } from '../../../core/quoting/build-packages.js';
import type {
  Box,
  PackagingProfile,
  PackingSetup,
  PickupLocation,
} from '../../../core/quoting/packaging-types.js';
import { packageSignature } from '../../../core/quoting/quote-cache-key.js';
import type { QuoteLine } from '../../../core/quoting/quote-request.js';

const WAREHOUSE: PickupLocation = {
  id: 'loc_1',
  isDefault: true,
  name: 'Richmond',
  suburb: 'Richmond',
  postcode: '3121',
  state: 'VIC',
} as unknown as PickupLocation;

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;

const size = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((mm) => mm / 10);
const kg = (min: number, max: number) =>
  fc.integer({ min: min * 1000, max: max * 1000 }).map((g) => g / 1000);

const productArb = fc.record({
  lengthCm: size(1, 70),
  widthCm: size(1, 50),
  heightCm: size(1, 40),
  weightKg: kg(0.05, 30),
  quantity: fc.integer({ min: 1, max: 12 }),
  shipsAlone: fc.boolean(),
  consolidatable: fc.boolean(),
});

const containerArb = fc.record({
  kind: fc.constantFrom('carton' as const, 'satchel' as const),
  inner: fc.tuple(size(10, 80), size(10, 60), size(3, 60)),
  wallCm: fc.constantFrom(0, 0.5, 1),
  tareWeightKg: kg(0, 2),
  capacityKg: kg(0.5, 40),
  bigPostMhp: fc.boolean(),
});

const palletArb = fc.record({
  lengthCm: fc.constantFrom(116.5, 120),
  widthCm: fc.constantFrom(100, 116.5),
  baseHeightCm: fc.constantFrom(12, 15),
  maxHeightCm: fc.integer({ min: 60, max: 200 }),
  tareWeightKg: kg(10, 35),
  capacityKg: kg(100, 1000),
});

const setupArb = fc.record({
  containers: fc.array(containerArb, { minLength: 1, maxLength: 4 }),
  pallets: fc.array(palletArb, { maxLength: 2 }),
  palletiseOverPackages: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  palletiseOverKg: fc.option(kg(10, 200), { nil: undefined }),
});

type SetupDraw = Drawn<typeof setupArb>;

function toSetup(draw: SetupDraw): PackingSetup {
  const containers: Box[] = draw.containers.map((c, index) => ({
    id: `box_c${index}`,
    name: `Box ${index}`,
    kind: c.kind,
    innerCm: { lengthCm: c.inner[0], widthCm: c.inner[1], heightCm: c.inner[2] },
    wallCm: c.wallCm,
    tareWeightKg: c.tareWeightKg,
    maxWeightKg: c.tareWeightKg + c.capacityKg,
    bigPostMhp: c.bigPostMhp,
    updatedAt: '2026-12-04T00:00:00.000Z',
  }));
  const pallets: Box[] = draw.pallets.map((p, index) => ({
    id: `box_p${index}`,
    name: `Pallet ${index}`,
    kind: 'pallet',
    lengthCm: p.lengthCm,
    widthCm: p.widthCm,
    baseHeightCm: p.baseHeightCm,
    maxHeightCm: p.maxHeightCm,
    tareWeightKg: p.tareWeightKg,
    maxWeightKg: p.tareWeightKg + p.capacityKg,
    bigPostMhp: false,
    updatedAt: '2026-12-04T00:00:00.000Z',
  }));
  return {
    boxes: [...containers, ...pallets],
    settings: {
      maxPackedItems: 200,
      ...(draw.palletiseOverPackages === undefined
        ? {}
        : { palletiseOverPackages: draw.palletiseOverPackages }),
      ...(draw.palletiseOverKg === undefined ? {} : { palletiseOverKg: draw.palletiseOverKg }),
    },
  };
}

type Product = Drawn<typeof productArb>;

function cart(products: readonly Product[]) {
  const lines: QuoteLine[] = products.map((p, index) => ({
    sku: `SKU-${index}`,
    quantity: p.quantity,
    priceCents: 1000,
    requiresShipping: true,
  }));
  const profiles = new Map<number, PackagingProfile>(
    products.map((p, index) => [
      index,
      {
        packages: [
          {
            type: 'carton',
            lengthCm: p.lengthCm,
            widthCm: p.widthCm,
            heightCm: p.heightCm,
            weightKg: p.weightKg,
            quantity: 1,
          },
        ],
        locationIds: [],
        consolidatable: p.consolidatable,
        ...(p.shipsAlone ? { shipsAlone: true } : {}),
      },
    ]),
  );
  return { lines, profiles };
}

function pack(products: readonly Product[], setup: PackingSetup): PackedGroup {
  const { lines, profiles } = cart(products);
  const packing = packLines(lines, profiles, undefined, [WAREHOUSE], setup);
  if (!packing.ok) throw new Error(packing.reason);
  expect(packing.groups).toHaveLength(1);
  return packing.groups[0] as PackedGroup;
}

const EPSILON = 1e-9;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

describe('packing properties (random carts, random boxes)', () => {
  const cartArb = fc.array(productArb, { minLength: 1, maxLength: 6 });

  it('never yields more packages than units, and accounts for every unit exactly once', () => {
    fc.assert(
      fc.property(cartArb, setupArb, (products, draw) => {
        const group = pack(products, toSetup(draw));
        const units = products.reduce((sum, p) => sum + p.quantity, 0);
        const packages = group.packages.reduce((sum, p) => sum + p.quantity, 0);
        expect(packages).toBeLessThanOrEqual(units);
        expect(packages).toBeGreaterThan(0);
        // Units in boxes, plus units shipped as they are, is every unit.
        const boxed = group.packing.boxes.reduce((sum, box) => sum + box.items.length, 0);
        const loose = group.packages
          .filter((p) => p.sku !== undefined)
          .reduce((sum, p) => sum + p.quantity, 0);
        const palletedLoose = group.packing.pallets
          .flatMap((pallet) => pallet.items)
          .filter((i) => i.line !== undefined).length;
        expect(boxed + loose + palletedLoose).toBe(units);
      }),
      { numRuns: 150 },
    );
  });

  it('never packs a box or pallet over its maximum weight, and weighs each as tare plus contents', () => {
    fc.assert(
      fc.property(cartArb, setupArb, (products, draw) => {
        const group = pack(products, toSetup(draw));
        for (const box of [...group.packing.boxes, ...group.packing.pallets]) {
          expect(box.weightKg).toBeLessThanOrEqual(box.maxWeightKg + EPSILON);
        }
        const setup = toSetup(draw);
        for (const pkg of group.packages) {
          const box = setup.boxes.find((b) => b.name === pkg.description);
          if (box) expect(pkg.weightKg).toBeLessThanOrEqual(box.maxWeightKg + EPSILON);
        }
        const contents = products.reduce((sum, p) => sum + p.weightKg * p.quantity, 0);
        const tares = [...group.packing.boxes, ...group.packing.pallets].reduce((sum, box) => {
          const tare = setup.boxes.find((b) => b.id === box.boxId)?.tareWeightKg ?? NaN;
          return sum + tare;
        }, 0);
        const shipped = group.packages.reduce((sum, p) => sum + p.weightKg * p.quantity, 0);
        expect(shipped).toBeCloseTo(contents + tares, 2);
      }),
      { numRuns: 150 },
    );
  });

  it('never places an item outside its box, over another, or in a shape it is not', () => {
    fc.assert(
      fc.property(cartArb, setupArb, (products, draw) => {
        const group = pack(products, toSetup(draw));
        for (const box of [...group.packing.boxes, ...group.packing.pallets]) {
          for (const [index, item] of box.items.entries()) {
            for (const axis of [0, 1, 2] as const) {
              expect(item.at[axis]).toBeGreaterThanOrEqual(0);
              expect((item.at[axis] ?? 0) + (item.size[axis] ?? 0)).toBeLessThanOrEqual(
                (box.innerCm[axis] ?? 0) + EPSILON,
              );
            }
            for (const other of box.items.slice(index + 1)) expect(overlaps(item, other)).toBe(false);
            if (item.line !== undefined) {
              const p = products[item.line] as Product;
              const real = sorted([p.lengthCm, p.widthCm, p.heightCm]);
              // Placed sizes are whole millimetres, rounded up: a rotation of the item, never smaller.
              sorted(item.size).forEach((side, axis) => {
                expect(side).toBeGreaterThanOrEqual((real[axis] ?? 0) - EPSILON);
                expect(side).toBeLessThan((real[axis] ?? 0) + 0.1 + EPSILON);
              });
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps lines that ship alone out of every box and pallet, in their own packaging', () => {
    fc.assert(
      fc.property(cartArb, setupArb, (products, draw) => {
        const group = pack(products, toSetup(draw));
        const placedLines = new Set(
          [...group.packing.boxes, ...group.packing.pallets].flatMap((box) => box.items.map((i) => i.line)),
        );
        for (const [index, p] of products.entries()) {
          if (!p.shipsAlone) continue;
          expect(placedLines.has(index)).toBe(false);
          const own = group.packages.find((pkg) => pkg.sku === `SKU-${index}`);
          expect(own?.quantity).toBe(p.quantity);
          expect([own?.lengthCm, own?.widthCm, own?.heightCm, own?.weightKg]).toEqual([
            p.lengthCm,
            p.widthCm,
            p.heightCm,
            p.weightKg,
          ]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same cart gives the same packages and cache signature, whatever the box order', () => {
    fc.assert(
      fc.property(cartArb, setupArb, fc.integer(), (products, draw, seed) => {
        const setup = toSetup(draw);
        const shuffled = { ...setup, boxes: shuffle(setup.boxes, seed) };
        const first = pack(products, setup);
        const second = pack(products, shuffled);
        expect(second.packages).toEqual(first.packages);
        expect(second.packing).toEqual(first.packing);
        const request = (group: PackedGroup) =>
          ({ packages: group.packages }) as Parameters<typeof packageSignature>[0];
        expect(packageSignature(request(second))).toEqual(packageSignature(request(first)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('packing bounds', () => {
  const box: Box = {
    id: 'box_small',
    name: 'Small carton',
    kind: 'carton',
    innerCm: { lengthCm: 40, widthCm: 30, heightCm: 30 },
    tareWeightKg: 0.4,
    maxWeightKg: 20,
    bigPostMhp: true,
    updatedAt: '2026-12-04T00:00:00.000Z',
  };
  const book: Product = {
    lengthCm: 20,
    widthCm: 15,
    heightCm: 3,
    weightKg: 0.5,
    quantity: 1,
    shipsAlone: false,
    consolidatable: true,
  };

  it('packs small items into one box, which carries the box setting Big Post is sent', () => {
    const group = pack([{ ...book, quantity: 6 }], { boxes: [box], settings: { maxPackedItems: 100 } });
    expect(group.packing.method).toBe('boxes');
    expect(group.packages).toEqual([
      expect.objectContaining({
        type: 'carton',
        lengthCm: 40,
        widthCm: 30,
        heightCm: 30,
        weightKg: 3.4,
        quantity: 1,
        bigPostMhp: true,
        consolidatable: true,
      }),
    ]);
  });

  it('over the item cap, ships one package per unit as before, and says so', () => {
    const group = pack([{ ...book, quantity: 11 }], { boxes: [box], settings: { maxPackedItems: 10 } });
    expect(group.packing).toMatchObject({
      method: 'per-unit',
      fallback: true,
      note: '11 items is over the packing cap of 10',
    });
    expect(group.packages).toEqual([expect.objectContaining({ sku: 'SKU-0', quantity: 11, lengthCm: 20 })]);
  });

  it('stays bounded in time on 200 items into several boxes and a pallet', () => {
    const boxes: Box[] = [
      box,
      {
        ...box,
        id: 'box_large',
        name: 'Large',
        innerCm: { lengthCm: 60, widthCm: 40, heightCm: 40 },
        maxWeightKg: 30,
      },
      {
        id: 'box_pallet',
        name: 'Pallet',
        kind: 'pallet',
        lengthCm: 120,
        widthCm: 100,
        baseHeightCm: 15,
        maxHeightCm: 180,
        tareWeightKg: 25,
        maxWeightKg: 1000,
        bigPostMhp: false,
        updatedAt: '',
      },
    ];
    const products = Array.from({ length: 20 }, (_v, index) => ({
      ...book,
      lengthCm: 5 + index,
      heightCm: 2 + (index % 7),
      quantity: 10,
    }));
    const started = performance.now();
    const group = pack(products, { boxes, settings: { maxPackedItems: 200, palletiseOverPackages: 3 } });
    const took = performance.now() - started;
    expect(group.packing.method).toBe('boxes');
    expect(group.packing.pallets.length).toBeGreaterThan(0);
    // Generous for a shared CI core; on a quiet machine it is a few tens of milliseconds.
    expect(took).toBeLessThan(1500);
  });
});

function overlaps(
  a: { readonly at: readonly number[]; readonly size: readonly number[] },
  b: { readonly at: readonly number[]; readonly size: readonly number[] },
): boolean {
  return [0, 1, 2].every(
    (axis) =>
      (a.at[axis] ?? 0) < (b.at[axis] ?? 0) + (b.size[axis] ?? 0) - EPSILON &&
      (b.at[axis] ?? 0) < (a.at[axis] ?? 0) + (a.size[axis] ?? 0) - EPSILON,
  );
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = Math.abs(seed) + 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 16807) % 2147483647;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
