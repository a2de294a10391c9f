/** Markup, handling fee and rounding. */
import type { Rounding } from '../../../../core/wire/admin-api-types';
import type { SectionProps } from './section-props';
import { Card } from '../../ui/Card';
import { Row } from '../../ui/Stack';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';

const roundingOptions: { label: string; value: Rounding }[] = [
  { label: 'No rounding', value: 'none' },
  { label: 'Up to the next dollar', value: 'up_to_dollar' },
  { label: 'Up to .95', value: 'to_95' },
  { label: 'Up to .99', value: 'to_99' },
];

export function AdjustmentsSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Price adjustments">
      <Row gap="300" blockAlign="start">
        <TextField
          label="Markup"
          suffix="%"
          value={form.markupPercent}
          onChange={(v) => set('markupPercent', v)}
          inputMode="decimal"
          error={errors.markupPercent}
          helpText="Negative for a discount."
        />
        <TextField
          label="Flat markup"
          prefix="$"
          value={form.markupFlat}
          onChange={(v) => set('markupFlat', v)}
          inputMode="decimal"
          error={errors.markupFlatCents}
        />
        <TextField
          label="Handling fee"
          prefix="$"
          value={form.handlingFee}
          onChange={(v) => set('handlingFee', v)}
          inputMode="decimal"
          error={errors.handlingFeeCents}
        />
      </Row>
      <Select
        label="Rounding"
        options={roundingOptions}
        value={form.rounding}
        onChange={(v) => set('rounding', v as Rounding)}
      />
    </Card>
  );
}
