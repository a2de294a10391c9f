import { DataTable as PolarisDataTable } from '@shopify/polaris';
import type { ReactNode } from 'react';

type Cell = ReactNode;

/** A read-only table; put actions in cells as Buttons (keyboard-operable), never as clickable rows. */
export function DataTable({
  headings,
  rows,
  numeric = [],
  footer,
}: {
  headings: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Indexes of columns holding numbers (right-aligned). */
  numeric?: readonly number[];
  footer?: ReactNode;
}) {
  return (
    <PolarisDataTable
      columnContentTypes={headings.map((_, index) => (numeric.includes(index) ? 'numeric' : 'text'))}
      headings={[...headings]}
      rows={rows.map((row) => [...row])}
      footerContent={footer}
      verticalAlign="middle"
    />
  );
}
