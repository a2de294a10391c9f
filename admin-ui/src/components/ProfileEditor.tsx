/** One product's packaging: its packages (one row per kind), where it ships from, and consolidation. */
import type {
  LocationRecord,
  PackageType,
  PackagingProfile,
  ProfileInput,
} from '../../../core/wire/admin-api-types';
import { useState } from 'react';
import { fieldErrors } from '../api/api-error';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { parseDecimal } from '../format/parse-decimal';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { Modal } from '../ui/Modal';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { Heading, Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { PACKAGE_TYPE_OPTIONS } from './DefaultBoxForm';
import { ErrorBanner } from './ErrorBanner';

interface PackageRow {
  type: PackageType;
  length: string;
  width: string;
  height: string;
  weight: string;
  quantity: string;
}

const EMPTY_ROW: PackageRow = {
  type: 'carton',
  length: '',
  width: '',
  height: '',
  weight: '',
  quantity: '1',
};

export function ProfileEditor({
  profile,
  suggestedKey,
  locations,
  onClose,
  onSaved,
}: {
  /** The profile being edited; absent to add one. */
  profile?: PackagingProfile;
  /** For "add packaging" from the missing-dimensions list: `sku:…` or `variant:…`. */
  suggestedKey?: string;
  locations: readonly LocationRecord[];
  onClose: () => void;
  onSaved: (profile: PackagingProfile) => void;
}) {
  const { api } = useAdmin();
  const startKey = profile?.key ?? suggestedKey ?? 'sku:';
  const [kind, setKind] = useState(startKey.startsWith('variant:') ? 'variant' : 'sku');
  const [identifier, setIdentifier] = useState(startKey.slice(startKey.indexOf(':') + 1));
  const [rows, setRows] = useState<PackageRow[]>(
    profile && profile.packages.length > 0
      ? profile.packages.map((p) => ({
          type: p.type,
          length: String(p.lengthCm),
          width: String(p.widthCm),
          height: String(p.heightCm),
          weight: String(p.weightKg),
          quantity: String(p.quantity),
        }))
      : [{ ...EMPTY_ROW }],
  );
  const [locationIds, setLocationIds] = useState<string[]>([...(profile?.locationIds ?? [])]);
  const [consolidatable, setConsolidatable] = useState(profile?.consolidatable ?? false);
  const save = useAction((key: string, input: ProfileInput) => api.packaging.put(key, input));
  const fields = fieldErrors(save.error);

  const update = (index: number, change: Partial<PackageRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const submit = async () => {
    const input: ProfileInput = {
      packages: rows.map((row) => ({
        type: row.type,
        lengthCm: parseDecimal(row.length) ?? Number.NaN,
        widthCm: parseDecimal(row.width) ?? Number.NaN,
        heightCm: parseDecimal(row.height) ?? Number.NaN,
        weightKg: parseDecimal(row.weight) ?? Number.NaN,
        quantity: parseDecimal(row.quantity) ?? Number.NaN,
      })),
      locationIds,
      consolidatable,
    };
    const saved = await save.run(`${kind}:${identifier.trim()}`, input);
    if (saved) onSaved(saved);
  };

  const title = profile ? `Packaging of ${identifier}` : 'Add packaging';
  return (
    <Modal
      open
      title={title}
      onClose={onClose}
      primaryAction={{ content: 'Save packaging', onAction: () => void submit(), loading: save.pending }}
      secondaryAction={{ content: 'Cancel', onAction: onClose }}
    >
      <Stack gap="400">
        <ErrorBanner error={save.error} />
        <Row gap="300" blockAlign="start">
          <Select
            label="Identified by"
            options={[
              { label: 'SKU', value: 'sku' },
              { label: 'Variant id', value: 'variant' },
            ]}
            value={kind}
            onChange={setKind}
            disabled={profile !== undefined}
          />
          <TextField
            label={kind === 'sku' ? 'SKU' : 'Variant id'}
            value={identifier}
            onChange={setIdentifier}
            readOnly={profile !== undefined}
            error={fields.key}
          />
        </Row>
        <Heading level={3}>Packages per unit sold</Heading>
        {rows.map((row, index) => {
          const n = index + 1;
          const err = (field: string) => fields[`packages.${index}.${field}`];
          return (
            <fieldset key={index} aria-label={`Package ${n}`} className="rb-fieldset">
              <Stack gap="200">
                <Row gap="200" blockAlign="start">
                  <Select
                    label={`Package ${n} type`}
                    options={PACKAGE_TYPE_OPTIONS}
                    value={row.type}
                    onChange={(v) => update(index, { type: v as PackageType })}
                  />
                  <TextField
                    label={`Package ${n} length`}
                    suffix="cm"
                    value={row.length}
                    onChange={(v) => update(index, { length: v })}
                    inputMode="decimal"
                    error={err('lengthCm')}
                  />
                  <TextField
                    label={`Package ${n} width`}
                    suffix="cm"
                    value={row.width}
                    onChange={(v) => update(index, { width: v })}
                    inputMode="decimal"
                    error={err('widthCm')}
                  />
                  <TextField
                    label={`Package ${n} height`}
                    suffix="cm"
                    value={row.height}
                    onChange={(v) => update(index, { height: v })}
                    inputMode="decimal"
                    error={err('heightCm')}
                  />
                  <TextField
                    label={`Package ${n} weight`}
                    suffix="kg"
                    value={row.weight}
                    onChange={(v) => update(index, { weight: v })}
                    inputMode="decimal"
                    error={err('weightKg')}
                  />
                  <TextField
                    label={`Package ${n} quantity`}
                    value={row.quantity}
                    onChange={(v) => update(index, { quantity: v })}
                    inputMode="numeric"
                    error={err('quantity')}
                  />
                </Row>
                {rows.length > 1 ? (
                  <div>
                    <Button plain critical onClick={() => setRows((r) => r.filter((_, i) => i !== index))}>
                      {`Remove package ${n}`}
                    </Button>
                  </div>
                ) : null}
              </Stack>
            </fieldset>
          );
        })}
        <div>
          <Button onClick={() => setRows((r) => [...r, { ...EMPTY_ROW }])}>Add another package</Button>
        </div>
        <Heading level={3}>Ships from</Heading>
        {locations.length === 0 ? (
          <Text tone="subdued">
            No pickup locations yet: it ships from the default location once you add one.
          </Text>
        ) : (
          <Stack gap="100">
            <Text tone="subdued">In priority order of ticking; none ticked means the default location.</Text>
            {locations.map((location) => (
              <Checkbox
                key={location.id}
                label={`${location.name} (${location.suburb} ${location.state})`}
                checked={locationIds.includes(location.id)}
                onChange={(checked) =>
                  setLocationIds((ids) =>
                    checked ? [...ids, location.id] : ids.filter((id) => id !== location.id),
                  )
                }
              />
            ))}
          </Stack>
        )}
        <Checkbox
          label="The carrier may consolidate it with other goods"
          checked={consolidatable}
          onChange={setConsolidatable}
        />
      </Stack>
    </Modal>
  );
}
