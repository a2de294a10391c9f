/** The rates checkout shows when quoting fails. */
import type { SectionProps } from './section-props';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Row, Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';
import { TextField } from '../../ui/TextField';
import { EditOnly } from '../../ui/ReadOnly';

export function FallbackSection({ form, set, errors }: SectionProps) {
  return (
    <Card title="Fallback rates">
      <Stack gap="300">
        <Text>
          What checkout shows when quoting fails (a platform down or slow, a revoked token). With none,
          checkout shows no RateBridge rate at all then.
        </Text>
        {form.fallbackRates.map((row, index) => (
          <FallbackRateRow key={index} index={index} {...{ form, set, errors }} />
        ))}
        {form.fallbackRates.length < 5 ? (
          <EditOnly>
            <div>
              <Button
                onClick={() =>
                  set('fallbackRates', [
                    ...form.fallbackRates,
                    {
                      code: `fallback-${form.fallbackRates.length + 1}`,
                      name: 'Standard shipping',
                      price: '15.00',
                      minDays: '',
                      maxDays: '',
                    },
                  ])
                }
              >
                Add a fallback rate
              </Button>
            </div>
          </EditOnly>
        ) : null}
      </Stack>
    </Card>
  );
}

/** One fallback rate: name, code, price, days, and a remove button. */
function FallbackRateRow({ index, form, set, errors }: SectionProps & { index: number }) {
  const row = form.fallbackRates[index];
  if (!row) return null;
  const n = index + 1;
  const update = (change: Partial<typeof row>) =>
    set(
      'fallbackRates',
      form.fallbackRates.map((r, i) => (i === index ? { ...r, ...change } : r)),
    );
  const remove = () => set('fallbackRates', form.fallbackRates.toSpliced(index, 1));
  const err = (field: string) => errors[`fallbackRates.${index}.${field}`];
  return (
    <fieldset className="rb-fieldset" aria-label={`Fallback rate ${n}`}>
      <Row gap="200" blockAlign="end">
        <TextField
          label={`Fallback ${n} name`}
          value={row.name}
          onChange={(v) => update({ name: v })}
          error={err('name')}
        />
        <TextField
          label={`Fallback ${n} code`}
          value={row.code}
          onChange={(v) => update({ code: v })}
          error={err('code')}
        />
        <TextField
          label={`Fallback ${n} price`}
          prefix="$"
          value={row.price}
          onChange={(v) => update({ price: v })}
          inputMode="decimal"
          error={err('priceCents')}
        />
        <TextField
          label={`Fallback ${n} min days`}
          value={row.minDays}
          onChange={(v) => update({ minDays: v })}
          inputMode="numeric"
          error={err('minDays')}
        />
        <TextField
          label={`Fallback ${n} max days`}
          value={row.maxDays}
          onChange={(v) => update({ maxDays: v })}
          inputMode="numeric"
          error={err('maxDays')}
        />
        <EditOnly>
          <Button plain critical onClick={remove}>
            {`Remove fallback ${n}`}
          </Button>
        </EditOnly>
      </Row>
    </fieldset>
  );
}
