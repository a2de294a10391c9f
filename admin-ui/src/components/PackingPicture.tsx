/**
 * One packed box (or pallet) drawn from its placements: an isometric view of the space inside with each
 * item as a shaded block, coloured by the cart line it came from (boxes on a pallet in a neutral tone).
 * Drawn back to front, so nearer blocks cover farther ones; our own projection, no 3-D library.
 */
import type { PackedBox } from '../../../core/wire/admin-api-types';

const WIDTH = 260;
const COS = Math.cos(Math.PI / 6);
const SIN = 0.5;

type Point = readonly [number, number, number];

/** x along the length to the right and down, y along the width to the left and down, z up. */
const project = ([x, y, z]: Point): readonly [number, number] => [(x - y) * COS, (x + y) * SIN - z];

/** A cart line's colour (the list uses it too); `lightness` shades the faces of a block. */
export function lineColour(line: number | undefined, lightness = 62): string {
  return line === undefined ? `hsl(30 25% ${lightness}%)` : `hsl(${(line * 67) % 360} 60% ${lightness}%)`;
}

export function PackingPicture({ box, label }: { box: PackedBox; label: string }) {
  const [l, w, h] = box.innerCm as unknown as Point;
  const corners: Point[] = [0, 1].flatMap((a) =>
    [0, 1].flatMap((b) => [0, 1].map((c) => [a * l, b * w, c * h] as const)),
  );
  const projected = corners.map(project);
  const xs = projected.map((p) => p[0]);
  const ys = projected.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const scale = WIDTH / Math.max(1, Math.max(...xs) - minX);
  const height = Math.ceil((Math.max(...ys) - minY) * scale) + 8;
  const at = (point: Point) => {
    const [px, py] = project(point);
    return `${((px - minX) * scale + 4).toFixed(1)},${((py - minY) * scale + 4).toFixed(1)}`;
  };
  // Farthest first: the viewer looks from +x, +y, +z.
  const items = [...box.items].sort((a, b) => sum(a.at) - sum(b.at) || sum(a.size) - sum(b.size));
  return (
    <svg
      role="img"
      width={WIDTH + 8}
      height={height}
      viewBox={`0 0 ${WIDTH + 8} ${height}`}
      aria-label={label}
    >
      <title>{label}</title>
      <Frame size={[l, w, h]} at={at} back />
      {items.map((item, index) => (
        <Block
          key={index}
          from={item.at as unknown as Point}
          size={item.size as unknown as Point}
          line={item.line}
          at={at}
        />
      ))}
      <Frame size={[l, w, h]} at={at} />
    </svg>
  );
}

/**
 * The box's twelve edges (corner pairs differing on one axis): the three meeting at the hidden back corner
 * are drawn behind the items, the other nine in front, dashed.
 */
function Frame({ size: [l, w, h], at, back }: { size: Point; at: (p: Point) => string; back?: boolean }) {
  const corners = [0, 1].flatMap((a) => [0, 1].flatMap((b) => [0, 1].map((c) => [a, b, c] as const)));
  const edges = corners.flatMap((from, index) =>
    corners
      .slice(index + 1)
      .filter((to) => to.filter((value, axis) => value !== from[axis]).length === 1)
      .map((to) => [from, to] as const),
  );
  const behind = (edge: (typeof edges)[number]) => edge[0].every((value) => value === 0);
  const scaled = (unit: readonly number[]): Point => [
    (unit[0] ?? 0) * l,
    (unit[1] ?? 0) * w,
    (unit[2] ?? 0) * h,
  ];
  return (
    <g stroke="#5c5f62" strokeWidth={1} strokeDasharray={back ? undefined : '3 2'} fill="none">
      {edges
        .filter((edge) => behind(edge) === (back === true))
        .map(([from, to], index) => (
          <polyline key={index} points={`${at(scaled(from))} ${at(scaled(to))}`} />
        ))}
    </g>
  );
}

interface BlockProps {
  readonly from: Point;
  readonly size: Point;
  readonly line: number | undefined;
  readonly at: (p: Point) => string;
}

function Block({ from, size, line, at }: BlockProps) {
  const [x, y, z] = from;
  const [x1, y1, z1] = [x + size[0], y + size[1], z + size[2]];
  // The three faces the viewer sees: top lightest, the two sides darker.
  const faces: { points: Point[]; lightness: number }[] = [
    {
      points: [
        [x, y, z1],
        [x1, y, z1],
        [x1, y1, z1],
        [x, y1, z1],
      ],
      lightness: 72,
    },
    {
      points: [
        [x1, y, z],
        [x1, y1, z],
        [x1, y1, z1],
        [x1, y, z1],
      ],
      lightness: 58,
    },
    {
      points: [
        [x, y1, z],
        [x1, y1, z],
        [x1, y1, z1],
        [x, y1, z1],
      ],
      lightness: 46,
    },
  ];
  return (
    <g stroke="#202223" strokeWidth={0.6}>
      {faces.map((face, index) => (
        <polygon key={index} points={face.points.map(at).join(' ')} fill={lineColour(line, face.lightness)} />
      ))}
    </g>
  );
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
