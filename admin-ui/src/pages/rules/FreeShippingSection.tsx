/** Free shipping above an order value. */
import type { SectionProps } from './section-props';
import { Card } from '../../ui/Card';
import { Checkbox } from '../../ui/Checkbox';
import { Row } from '../../ui/Stack';
import { TextField } from '../../ui/TextField';

export function FreeShippingSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Free shipping">
      <Checkbox
        label="Offer free shipping above an order value"
        checked={form.freeShippingOn}
        onChange={(v) => set('freeShippingOn', v)}
      />
      {form.freeShippingOn ? (
        <Row gap="300" blockAlign="start">
          <TextField
            label="Order value threshold"
            prefix="$"
            value={form.freeThreshold}
            onChange={(v) => set('freeThreshold', v)}
            inputMode="decimal"
            error={errors['freeShipping.thresholdCents'] ?? errors.freeShipping}
          />
          <TextField
            label="Applies to"
            value={form.freeAppliesTo}
            onChange={(v) => set('freeAppliesTo', v)}
            helpText="“cheapest”, or the code of one service."
            error={errors['freeShipping.appliesTo']}
          />
        </Row>
      ) : null}
    </Card>
  );
}
