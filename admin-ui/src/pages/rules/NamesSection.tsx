/** Renamed services, hidden carriers and services, how many rates, extra handling days. */
import type { SectionProps } from './section-props';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Heading, Text } from '../../ui/Text';
import { Row, Stack } from '../../ui/Stack';
import { TextField } from '../../ui/TextField';
import { EditOnly } from '../../ui/ReadOnly';

export function NamesSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Names and visibility">
      <Stack gap="300">
        <Heading level={3}>Rename services</Heading>
        {form.rename.length === 0 ? (
          <Text tone="subdued">Services keep the names the platforms give them.</Text>
        ) : null}
        <RenameRows {...{ form, set, errors }} />
        <EditOnly>
          <div>
            <Button onClick={() => set('rename', [...form.rename, { code: '', name: '' }])}>
              Rename a service
            </Button>
          </div>
        </EditOnly>
        <TextField
          label="Hide carriers"
          value={form.hideCarriers}
          onChange={(v) => set('hideCarriers', v)}
          helpText="Carrier names or ids, separated by commas."
          error={errors.hideCarriers}
        />
        <TextField
          label="Hide services"
          value={form.hideServices}
          onChange={(v) => set('hideServices', v)}
          helpText="Service codes, separated by commas (the rate log shows each rate's code)."
          error={errors.hideServices}
        />
        <Row gap="300" blockAlign="start">
          <TextField
            label="At most this many rates"
            value={form.maxRates}
            onChange={(v) => set('maxRates', v)}
            inputMode="numeric"
            error={errors.maxRates}
          />
          <TextField
            label="Extra handling days"
            value={form.extraHandlingDays}
            onChange={(v) => set('extraHandlingDays', v)}
            inputMode="numeric"
            error={errors.extraHandlingDays}
            helpText="Added to every delivery estimate."
          />
        </Row>
      </Stack>
    </Card>
  );
}

/** One row per renamed service: its code, the name shown, and a remove button. */
function RenameRows({ form, set, errors }: SectionProps) {
  return form.rename.map((row, index) => (
    <Row key={index} gap="200" blockAlign="end">
      <TextField
        label={`Service code ${index + 1}`}
        value={row.code}
        onChange={(v) =>
          set(
            'rename',
            form.rename.map((r, i) => (i === index ? { ...r, code: v } : r)),
          )
        }
        error={errors[`rename.${index}.code`]}
      />
      <TextField
        label={`Name shown ${index + 1}`}
        value={row.name}
        onChange={(v) =>
          set(
            'rename',
            form.rename.map((r, i) => (i === index ? { ...r, name: v } : r)),
          )
        }
        error={errors[`rename.${index}.name`]}
      />
      <EditOnly>
        <Button
          plain
          critical
          onClick={() =>
            set(
              'rename',
              form.rename.filter((_, i) => i !== index),
            )
          }
        >
          {`Remove rename ${index + 1}`}
        </Button>
      </EditOnly>
    </Row>
  ));
}
