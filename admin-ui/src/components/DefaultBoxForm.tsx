/**
 * The default box: how a product without packaging of its own is packed (its shop weight plus this box's
 * tare, in this box's dimensions), so every product can be quoted from day one, marked as an estimate.
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
import { TextField } from '../ui/TextField';
import { ErrorBanner } from './ErrorBanner';

const SUGGESTED: DefaultBox = { type: 'carton', lengthCm: 40, widthCm: 30, heightCm: 20, tareWeightKg: 0.5 };

export const PACKAGE_TYPE_OPTIONS = PACKAGE_TYPES.map((type) => ({
  label: type.charAt(0).toUpperCase() + type.slice(1),
  value: type,
}));

export function DefaultBoxForm({
  initial,
  onSaved,
}: {
  initial: DefaultBox | null;
  onSaved: (box: DefaultBox) => void;
}) {
  const { api } = useAdmin();
  const start = initial ?? SUGGESTED;
  const [type, setType] = useState<PackageType>(start.type);
  const [length, setLength] = useState(String(start.lengthCm));
  const [width, setWidth] = useState(String(start.widthCm));
  const [height, setHeight] = useState(String(start.heightCm));
  const [tare, setTare] = useState(String(start.tareWeightKg));
  const [saved, setSaved] = useState(false);
  const save = useAction(api.packaging.setDefaultBox);
  const fields = fieldErrors(save.error);

  const numberError = (text: string, key: string) =>
    fields[key] ||
    (text.trim() !== '' && parseDecimal(text) === undefined ? 'Enter a number, like 30 or 0.5.' : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const box = {
      type,
      lengthCm: parseDecimal(length) ?? Number.NaN,
      widthCm: parseDecimal(width) ?? Number.NaN,
      heightCm: parseDecimal(height) ?? Number.NaN,
      tareWeightKg: parseDecimal(tare) ?? Number.NaN,
    };
    const result = await save.run(box);
    if (result) {
      setSaved(true);
      onSaved(result);
    }
  };

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
          <TextField
            label="Length"
            suffix="cm"
            value={length}
            onChange={setLength}
            inputMode="decimal"
            error={numberError(length, 'lengthCm')}
          />
          <TextField
            label="Width"
            suffix="cm"
            value={width}
            onChange={setWidth}
            inputMode="decimal"
            error={numberError(width, 'widthCm')}
          />
          <TextField
            label="Height"
            suffix="cm"
            value={height}
            onChange={setHeight}
            inputMode="decimal"
            error={numberError(height, 'heightCm')}
          />
          <TextField
            label="Empty box weight"
            suffix="kg"
            value={tare}
            onChange={setTare}
            inputMode="decimal"
            error={numberError(tare, 'tareWeightKg')}
          />
        </Row>
        <div>
          <Button submit primary={!initial} loading={save.pending}>
            Save default box
          </Button>
        </div>
        {saved ? <Banner tone="success">Default box saved.</Banner> : null}
      </Stack>
    </form>
  );
}
