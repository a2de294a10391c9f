/**
 * What packing did with a test quote's cart, per pickup location: each box and pallet as a picture
 * (PackingPicture.tsx) and as a list (outside size, weight against its maximum, what is inside), and why a
 * group was not packed into boxes when it was not.
 */
import type { PackedBox, TestQuoteResult } from '../../../core/wire/admin-api-types';
import { Badge } from '../ui/Badge';
import { Banner } from '../ui/Banner';
import { DataTable } from '../ui/DataTable';
import { Row, Stack } from '../ui/Stack';
import { Heading, Text } from '../ui/Text';
import { lineColour, PackingPicture } from './PackingPicture';

type Group = TestQuoteResult['packing'][number];

export function PackingResult({
  packing,
  lineName,
  locationName,
}: {
  packing: TestQuoteResult['packing'];
  lineName: (line: number) => string;
  locationName: (id: string) => string;
}) {
  const packed = packing.filter((group) => group.method === 'boxes' || group.fallback);
  if (packed.length === 0) return null;
  return (
    <section aria-labelledby="packing-heading">
      <Stack gap="300">
        <Heading level={3} id="packing-heading">
          How the cart was packed
        </Heading>
        {packed.map((group) => (
          <GroupPacking
            key={group.locationId}
            group={group}
            lineName={lineName}
            from={locationName(group.locationId)}
          />
        ))}
      </Stack>
    </section>
  );
}

function GroupPacking({
  group,
  lineName,
  from,
}: {
  group: Group;
  lineName: (line: number) => string;
  from: string;
}) {
  const all = [...group.boxes, ...group.pallets];
  return (
    <Stack gap="200">
      <Text>
        From {from}: {group.boxes.length} {group.boxes.length === 1 ? 'box' : 'boxes'}
        {group.pallets.length > 0
          ? `, on ${group.pallets.length} ${group.pallets.length === 1 ? 'pallet' : 'pallets'}`
          : ''}
      </Text>
      {group.fallback ? (
        <Banner tone="warning" title="Not packed into your boxes">
          {group.note ?? 'Packing stopped.'}: each unit ships in its own packaging, as its profile says.
        </Banner>
      ) : group.note ? (
        <Text tone="subdued">{group.note}.</Text>
      ) : null}
      {all.length > 0 ? (
        <>
          <Row gap="300" blockAlign="start">
            {all.map((box, index) => (
              <figure key={index} style={{ margin: 0 }}>
                <PackingPicture box={box} label={pictureLabel(box, index, group)} />
                <figcaption>
                  <Text tone="subdued">{pictureLabel(box, index, group)}</Text>
                </figcaption>
              </figure>
            ))}
          </Row>
          <DataTable
            headings={['Box', 'Outside', 'Weight', 'Inside']}
            rows={all.map((box, index) => [
              pictureLabel(box, index, group),
              `${box.outerCm.join(' × ')} cm`,
              <WeightCell key="weight" box={box} />,
              contents(box, lineName),
            ])}
          />
        </>
      ) : null}
    </Stack>
  );
}

function WeightCell({ box }: { box: PackedBox }) {
  return (
    <Row gap="100">
      <span>
        {box.weightKg} kg of {box.maxWeightKg} kg
      </span>
      {box.weightKg > box.maxWeightKg ? <Badge tone="critical">Over its maximum</Badge> : null}
    </Row>
  );
}

/** "Box 2: Small carton"; pallets numbered after the boxes. */
function pictureLabel(box: PackedBox, index: number, group: Group): string {
  const pallet = index >= group.boxes.length;
  const number = pallet ? index - group.boxes.length + 1 : index + 1;
  return `${pallet ? 'Pallet' : 'Box'} ${number}: ${box.name}`;
}

/** "6 × BOOK, 2 × MUG", each with its colour in the picture; a pallet lists its boxes. */
function contents(box: PackedBox, lineName: (line: number) => string) {
  const counts = new Map<string, { count: number; line?: number }>();
  for (const item of box.items) {
    const name = item.line !== undefined ? lineName(item.line) : `Box ${(item.box ?? 0) + 1}`;
    const seen = counts.get(name) ?? { count: 0, ...(item.line === undefined ? {} : { line: item.line }) };
    counts.set(name, { ...seen, count: seen.count + 1 });
  }
  return (
    <Row gap="200">
      {[...counts].map(([name, { count, line }]) => (
        <span key={name}>
          <span aria-hidden="true" style={{ color: lineColour(line, 45) }}>
            ■{' '}
          </span>
          {count} × {name}
        </span>
      ))}
    </Row>
  );
}
