/**
 * How long each platform call of one quote took, as horizontal bars against the whole quote's duration:
 * calls that overlap show the concurrency. An accessible SVG (role img, title and description); the table
 * beside it holds the same figures for screen readers and copying.
 */
import { useId } from 'react';

export interface LatencyBar {
  readonly label: string;
  readonly ms: number;
  readonly kind: 'ok' | 'failed' | 'cached';
}

const BAR_HEIGHT = 22;
const GAP = 10;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 70;
const CHART_WIDTH = 640;

export function LatencyChart({ bars, totalMs }: { bars: readonly LatencyBar[]; totalMs: number }) {
  const titleId = useId();
  const descId = useId();
  if (bars.length === 0) return null;
  const scaleMax = Math.max(totalMs, ...bars.map((b) => b.ms), 1);
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const rows = [...bars, { label: 'Whole quote', ms: totalMs, kind: 'ok' as const }];
  const height = rows.length * (BAR_HEIGHT + GAP) + GAP;
  const slowest = bars.reduce((a, b) => (b.ms > a.ms ? b : a));
  return (
    <svg
      className="rb-chart"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
    >
      <title id={titleId}>Latency of each platform call</title>
      <desc id={descId}>
        {`${bars.length} call${bars.length === 1 ? '' : 's'}; the slowest took ${slowest.ms} ms (${slowest.label}); the whole quote took ${totalMs} ms.`}
      </desc>
      <line className="rb-axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} />
      {rows.map((bar, index) => {
        const y = GAP + index * (BAR_HEIGHT + GAP);
        const width = Math.max(2, (bar.ms / scaleMax) * plotWidth);
        const className =
          bar.kind === 'failed' ? 'rb-bar-failed' : bar.kind === 'cached' ? 'rb-bar-cached' : 'rb-bar';
        return (
          <g key={`${bar.label}-${index}`}>
            <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} dominantBaseline="middle" textAnchor="end">
              {truncate(bar.label, 28)}
            </text>
            <rect className={className} x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} rx={3} />
            <text x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle">
              {`${bar.ms} ms`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
