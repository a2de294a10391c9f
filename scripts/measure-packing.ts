/**
 * How long the worst checkout packing takes on this machine: the item cap's worth of mixed items into ten
 * kinds of box, then onto a pallet, timed over a few runs (docs/packaging.md quotes its numbers). Not a
 * test: times vary with the machine and its load. `npx tsx scripts/measure-packing.ts [items] [kinds]`.
 */
import { packLines } from '../core/quoting/build-packages.js';
import type { Box, PackagingProfile, PickupLocation } from '../core/quoting/packaging-types.js';
import type { QuoteLine } from '../core/quoting/quote-request.js';
import { spaceOf } from '../core/quoting/packing/box-geometry.js';
import { fillSpaces } from '../core/quoting/packing/fill-spaces.js';

const items = Number(process.argv[2] ?? 200);
const kinds = Number(process.argv[3] ?? 10);
const location = {
  id: 'loc',
  isDefault: true,
  name: 'W',
  suburb: 'Richmond',
  postcode: '3121',
  state: 'VIC',
} as unknown as PickupLocation;
const SCALE = Number(process.env.SCALE ?? 1);
const stamp = '2026-12-04T00:00:00.000Z';
// Box kinds that each take a few items only, so every round tries every kind (the slow case).
const boxes: Box[] = Array.from({ length: kinds }, (_, k) => ({
  id: `box_${k}`,
  name: `Box ${k}`,
  kind: 'carton',
  innerCm: { lengthCm: (20 + k * 2) * SCALE, widthCm: (16 + k) * SCALE, heightCm: (12 + k) * SCALE },
  wallCm: 0.5,
  tareWeightKg: 0.3,
  maxWeightKg: Number(process.env.BOXKG ?? 8) + k,
  bigPostMhp: false,
  updatedAt: stamp,
}));
boxes.push({
  id: 'box_pallet',
  name: 'Pallet',
  kind: 'pallet',
  lengthCm: 116.5,
  widthCm: 116.5,
  baseHeightCm: 15,
  maxHeightCm: 180,
  tareWeightKg: 30,
  maxWeightKg: 1030,
  bigPostMhp: false,
  updatedAt: stamp,
});
const shapes = 20;
const lines: QuoteLine[] = Array.from({ length: shapes }, (_, i) => ({
  sku: `S${i}`,
  quantity: Math.ceil(items / shapes),
  priceCents: 100,
  requiresShipping: true,
}));
const profiles = new Map<number, PackagingProfile>(
  lines.map((_, i) => [
    i,
    {
      packages: [
        {
          type: 'carton',
          lengthCm: 6 + (i % 7) * 2.5,
          widthCm: 5 + (i % 5) * 2,
          heightCm: 4 + (i % 3) * 3,
          weightKg: 0.3 + (i % 4) * 0.6,
          quantity: 1,
        },
      ],
      locationIds: [],
      consolidatable: false,
    },
  ]),
);
const setup = {
  boxes,
  settings: { maxPackedItems: 200, palletiseOverPackages: 10 },
};
const times: number[] = [];
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  const packing = packLines(lines, profiles, undefined, [location], setup);
  times.push(performance.now() - started);
  if (run === 0 && packing.ok) {
    const group = packing.groups[0];
    console.log(
      `${items} items, ${kinds} kinds: ${group?.packing.method} fallback=${String(group?.packing.fallback)}`,
      group?.packing.note ?? '',
      `boxes=${group?.packing.boxes.length} pallets=${group?.packing.pallets.length}`,
    );
  }
}
// Piped into `head`, the pipe may close before the last line: not an error for a measuring script.
process.stdout.on('error', () => undefined);
console.log('ms per run:', times.map((t) => t.toFixed(0)).join(' '));

// The boxing stage alone, unbounded: its work as fill-spaces.ts charges it, and what each unit costs here.
const units = lines
  .flatMap((line, i) =>
    Array.from({ length: line.quantity }, () => {
      const pkg = profiles.get(i)?.packages[0];
      return {
        sizeCm: [pkg?.lengthCm ?? 1, pkg?.widthCm ?? 1, pkg?.heightCm ?? 1] as const,
        weightKg: pkg?.weightKg ?? 1,
      };
    }),
  )
  .slice(0, items);
const kindsOf = boxes.filter((box) => box.kind !== 'pallet').map(spaceOf);
const started = performance.now();
const fill = fillSpaces(units, kindsOf, 1e15);
const ms = performance.now() - started;
if (fill.ok)
  console.log(
    `boxing alone: work ${fill.work}, ${ms.toFixed(0)} ms, ${((ms * 1e6) / fill.work).toFixed(1)} ns per unit`,
  );
