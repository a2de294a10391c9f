/** One kind of package of a product: type, dimensions, weight, how many per unit sold. */
import type { PackageType } from '../../../../core/wire/admin-api-types';
import { Button } from '../../ui/Button';
import { Row, Stack } from '../../ui/Stack';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { PACKAGE_TYPE_OPTIONS } from '../DefaultBoxForm';
import type { PackageRow } from './use-profile-form';
import { EditOnly } from '../../ui/ReadOnly';

/** The decimal fields of a package, in the order shown, with the API field each error comes back on. */
const MEASURES = [
  { field: 'length', word: 'length', suffix: 'cm', path: 'lengthCm' },
  { field: 'width', word: 'width', suffix: 'cm', path: 'widthCm' },
  { field: 'height', word: 'height', suffix: 'cm', path: 'heightCm' },
  { field: 'weight', word: 'weight', suffix: 'kg', path: 'weightKg' },
] as const;

interface PackageRowFieldsProps {
  index: number;
  row: PackageRow;
  fields: Readonly<Record<string, string>>;
  removable: boolean;
  onChange: (change: Partial<PackageRow>) => void;
  onRemove: () => void;
}

export function PackageRowFields({
  index,
  row,
  fields,
  removable,
  onChange,
  onRemove,
}: PackageRowFieldsProps) {
  const n = index + 1;
  const err = (field: string) => fields[`packages.${index}.${field}`];
  return (
    <fieldset aria-label={`Package ${n}`} className="rb-fieldset">
      <Stack gap="200">
        <Row gap="200" blockAlign="start">
          <Select
            label={`Package ${n} type`}
            options={PACKAGE_TYPE_OPTIONS}
            value={row.type}
            onChange={(v) => onChange({ type: v as PackageType })}
          />
          {MEASURES.map((measure) => (
            <TextField
              key={measure.field}
              label={`Package ${n} ${measure.word}`}
              suffix={measure.suffix}
              value={row[measure.field]}
              onChange={(v) => onChange({ [measure.field]: v })}
              inputMode="decimal"
              error={err(measure.path)}
            />
          ))}
          <TextField
            label={`Package ${n} quantity`}
            value={row.quantity}
            onChange={(v) => onChange({ quantity: v })}
            inputMode="numeric"
            error={err('quantity')}
          />
        </Row>
        {removable ? (
          <EditOnly>
            <div>
              <Button plain critical onClick={onRemove}>
                {`Remove package ${n}`}
              </Button>
            </div>
          </EditOnly>
        ) : null}
      </Stack>
    </fieldset>
  );
}
