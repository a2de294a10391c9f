/** How quotes from several warehouses become rates, and the names of the cheapest and fastest. */
import type { SectionProps } from './section-props';
import type { Strategy } from '../../../../core/wire/admin-api-types';
import { Card } from '../../ui/Card';
import { Checkbox } from '../../ui/Checkbox';
import { Row } from '../../ui/Stack';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';

const strategyOptions: { label: string; value: Strategy }[] = [
  { label: 'One rate per service every warehouse offers', value: 'common_services' },
  { label: 'One rate: the cheapest option of each warehouse', value: 'cheapest' },
  { label: 'One rate: the fastest option of each warehouse', value: 'fastest' },
];

export function CombineSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Carts from several warehouses">
      <Select
        label="How warehouse quotes combine"
        options={strategyOptions}
        value={form.strategy}
        onChange={(v) => set('strategy', v as Strategy)}
        helpText="Rules apply in this order: markup (percent, then flat), handling fee, free shipping, destination rules, rounding, names, sort by price, at most N rates, handling days."
      />
      {form.strategy === 'common_services' ? (
        <Checkbox
          label="When no service is common to every warehouse, offer the cheapest combination"
          checked={form.cheapestWhenNoCommonService}
          onChange={(v) => set('cheapestWhenNoCommonService', v)}
        />
      ) : null}
      <Row gap="300" blockAlign="start">
        <TextField
          label="Name of the cheapest rate"
          value={form.cheapestName}
          onChange={(v) => set('cheapestName', v)}
          error={errors.cheapestName}
        />
        <TextField
          label="Name of the fastest rate"
          value={form.fastestName}
          onChange={(v) => set('fastestName', v)}
          error={errors.fastestName}
        />
      </Row>
    </Card>
  );
}
