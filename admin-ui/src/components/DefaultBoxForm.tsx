/**
 * The default box: how a product without packaging of its own is packed (its shop weight plus this box's
 * tare, in this box's dimensions), so every product can be quoted from day one, marked as an estimate.
 * In a read-only region (a viewer) it shows the saved box, or says there is none; it never saves.
 */
import type { DefaultBox, PackageType } from '../../../core/wire/admin-api-types';
import { PACKAGE_TYPES } from '../../../core/wire/vocabulary';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/api-error';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { parseDecimal } from '../format/parse-decimal';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { EditOnly, useReadOnly } from '../ui/ReadOnly';
import { ErrorBanner } from './ErrorBanner';

const SUGGESTED: DefaultBox = { type: 'carton', lengthCm: 40, widthCm: 30, heightCm: 20, tareWeightKg: 0.5 };

export const PACKAGE_TYPE_OPTIONS = PACKAGE_TYPES.map((type) => ({
  label: type.charAt(0).toUpperCase() + type.slice(1),
  value: type,
}));

/** The box's measures, in the order the form shows them. */
const MEASURES = [
  { key: 'lengthCm', label: 'Length', suffix: 'cm' },
  { key: 'widthCm', label: 'Width', suffix: 'cm' },
  { key: 'heightCm', label: 'Height', suffix: 'cm' },
  { key: 'tareWeightKg', label: 'Empty box weight', suffix: 'kg' },
] as const;
type MeasureKey = (typeof MEASURES)[number]['key'];

export function DefaultBoxForm({
  initial,
  onSaved,
}: {
  initial: DefaultBox | null;
  onSaved: (box: DefaultBox) => void;
}) {
  const { type, setType, text, setText, saved, save, numberError, submit } = useDefaultBoxForm(
    initial,
    onSaved,
  );
  const readOnly = useReadOnly();
  // The suggested values are a starting point for whoever saves them, not a setting to show a viewer.
  if (readOnly && !initial) return <Text tone="subdued">No default box has been saved yet.</Text>;

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Default box" noValidate>
      <Stack gap="300">
        {!initial ? (
          <Banner tone="info">
            Suggested values are filled in: check them against the box you use most, then save.
          </Banner>
        ) : null}
        <ErrorBanner error={save.error} showDetails={false} />
        <Select
          label="Package type"
          options={PACKAGE_TYPE_OPTIONS}
          value={type}
          onChange={(v) => setType(v as PackageType)}
        />
        <Row gap="300" blockAlign="start">
          {MEASURES.map((measure) => (
            <TextField
              key={measure.key}
              label={measure.label}
              suffix={measure.suffix}
              value={text[measure.key]}
              onChange={(value) => setText((current) => ({ ...current, [measure.key]: value }))}
              inputMode="decimal"
              error={numberError(text[measure.key], measure.key)}
            />
          ))}
        </Row>
        <EditOnly>
          <div>
            <Button submit primary={!initial} loading={save.pending}>
              Save default box
            </Button>
          </div>
        </EditOnly>
        {saved ? <Banner tone="success">Default box saved.</Banner> : null}
      </Stack>
    </form>
  );
}

function useDefaultBoxForm(initial: DefaultBox | null, onSaved: (box: DefaultBox) => void) {
  const { api } = useAdmin();
  const start = initial ?? SUGGESTED;
  const [type, setType] = useState<PackageType>(start.type);
  const [text, setText] = useState<Record<MeasureKey, string>>(() => ({
    lengthCm: String(start.lengthCm),
    widthCm: String(start.widthCm),
    heightCm: String(start.heightCm),
    tareWeightKg: String(start.tareWeightKg),
  }));
  const [saved, setSaved] = useState(false);
  const save = useAction(api.packaging.setDefaultBox);
  const fields = fieldErrors(save.error);

  const numberError = (value: string, key: string) =>
    fields[key] ||
    (value.trim() !== '' && parseDecimal(value) === undefined
      ? 'Enter a number, like 30 or 0.5.'
      : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const number = (key: MeasureKey) => parseDecimal(text[key]) ?? Number.NaN;
    const box = {
      type,
      lengthCm: number('lengthCm'),
      widthCm: number('widthCm'),
      heightCm: number('heightCm'),
      tareWeightKg: number('tareWeightKg'),
    };
    const result = await save.run(box);
    if (result) {
      setSaved(true);
      onSaved(result);
    }
  };

  return { type, setType, text, setText, saved, save, numberError, submit };
}
