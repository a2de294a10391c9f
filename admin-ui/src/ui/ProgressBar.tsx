import { ProgressBar as PolarisProgressBar } from '@shopify/polaris';

/** A labelled progress bar (Polaris's has no accessible name of its own). */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <PolarisProgressBar progress={percent} size="small" animated />
    </div>
  );
}
