/**
 * When a location despatches: handling days, the daily cut-off in the location's own time zone (named
 * from its state), the despatch weekdays and closed date ranges. Public holidays need no entry: the
 * location's state's are skipped on their own (docs/delivery-dates.md).
 */
import { STATE_TIME_ZONES, WEEKDAYS, isAuStateCode, type Weekday } from '../../../core/wire/vocabulary';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { Row, Stack } from '../ui/Stack';
import { Heading, Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import type { ClosedRow, DespatchForm } from './despatch-form';
import { EditOnly } from '../ui/ReadOnly';

const DAY_LABELS: Readonly<Record<Weekday, string>> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

interface DespatchFieldsProps {
  form: DespatchForm;
  state: string;
  errors: Readonly<Record<string, string>>;
  onChange: (form: DespatchForm) => void;
}

export function DespatchFields({ form, state, errors, onChange }: DespatchFieldsProps) {
  const zone = isAuStateCode(state) ? STATE_TIME_ZONES[state] : undefined;
  const set = (patch: Partial<DespatchForm>) => onChange({ ...form, ...patch });
  return (
    <Stack gap="300">
      <Heading level={3}>Despatch and delivery dates</Heading>
      <Row gap="300" blockAlign="start">
        <TextField
          label="Handling days"
          value={form.handlingDays}
          onChange={(handlingDays) => set({ handlingDays })}
          error={errors['despatch.handlingDays']}
          inputMode="numeric"
          helpText="Despatch days spent on an order before it leaves (0: the same day)."
        />
        <TextField
          label="Daily cut-off"
          type="time"
          value={form.cutoff}
          onChange={(cutoff) => set({ cutoff })}
          error={errors['despatch.cutoff']}
          helpText={
            zone
              ? `Local time at the location (${zone}). Orders at or after it count from the next day.`
              : 'Local time at the location, from its state.'
          }
        />
      </Row>
      <fieldset aria-describedby="despatch-days-help">
        <legend>Despatch days</legend>
        <Row gap="300">
          {WEEKDAYS.map((day) => (
            <Checkbox
              key={day}
              label={DAY_LABELS[day]}
              checked={form.weekdays.includes(day)}
              onChange={(on) =>
                set({ weekdays: on ? [...form.weekdays, day] : form.weekdays.filter((d) => d !== day) })
              }
            />
          ))}
        </Row>
        <Text tone={errors['despatch.weekdays'] ? 'critical' : 'subdued'} small>
          <span id="despatch-days-help">
            {errors['despatch.weekdays'] ?? "The state's public holidays are skipped without listing them."}
          </span>
        </Text>
      </fieldset>
      <ClosedDates rows={form.closed} errors={errors} onChange={(closed) => set({ closed })} />
    </Stack>
  );
}

function ClosedDates({
  rows,
  errors,
  onChange,
}: {
  rows: readonly ClosedRow[];
  errors: Readonly<Record<string, string>>;
  onChange: (rows: readonly ClosedRow[]) => void;
}) {
  const update = (index: number, patch: Partial<ClosedRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="200">
      <Text strong>Closed dates</Text>
      {rows.map((row, index) => (
        <Row key={index} gap="200" blockAlign="start">
          <TextField
            label="From"
            type="date"
            value={row.from}
            onChange={(from) => update(index, { from })}
            error={errors[`despatch.closedDates.${index}.from`]}
          />
          <TextField
            label="To"
            type="date"
            value={row.to}
            onChange={(to) => update(index, { to })}
            error={errors[`despatch.closedDates.${index}.to`]}
          />
          <TextField
            label="Note (optional)"
            value={row.note}
            onChange={(note) => update(index, { note })}
            placeholder="Christmas shutdown"
          />
          <EditOnly>
            <Button
              plain
              accessibilityLabel={`Remove closed dates ${index + 1}`}
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              Remove
            </Button>
          </EditOnly>
        </Row>
      ))}
      <EditOnly>
        <Button onClick={() => onChange([...rows, { from: '', to: '', note: '' }])}>Add closed dates</Button>
      </EditOnly>
    </Stack>
  );
}
