/**
 * Adding or editing one of the merchant's boxes: a carton or satchel (inside, and the outside measured or
 * as a wall), or a pallet (deck, base height, how high it may be loaded); tare and maximum weight; Big
 * Post's MHP setting. The server's field errors show under their fields. In a read-only region (a viewer)
 * the dialog shows the box and only closes.
 */
import type { Box, BoxInput } from '../../../../core/wire/admin-api-types';
import { BOX_KINDS } from '../../../../core/wire/vocabulary';
import { fieldErrors } from '../../api/api-error';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Checkbox } from '../../ui/Checkbox';
import { Modal } from '../../ui/Modal';
import { Select } from '../../ui/Select';
import { Row, Stack } from '../../ui/Stack';
import { TextField } from '../../ui/TextField';
import { useReadOnly } from '../../ui/ReadOnly';
import { boxBody, useBoxForm, type MeasureKey } from './box-form';

const KIND_OPTIONS = BOX_KINDS.map((kind) => ({
  label: kind.charAt(0).toUpperCase() + kind.slice(1),
  value: kind,
}));

/** Each measure: its label, unit, and the API field its error comes back under. */
const FIELDS: Readonly<Record<MeasureKey, readonly [string, string, string]>> = {
  innerL: ['Inside length', 'cm', 'innerCm.lengthCm'],
  innerW: ['Inside width', 'cm', 'innerCm.widthCm'],
  innerH: ['Inside height', 'cm', 'innerCm.heightCm'],
  outerL: ['Outside length', 'cm', 'outerCm.lengthCm'],
  outerW: ['Outside width', 'cm', 'outerCm.widthCm'],
  outerH: ['Outside height', 'cm', 'outerCm.heightCm'],
  wallCm: ['Wall', 'cm', 'wallCm'],
  lengthCm: ['Deck length', 'cm', 'lengthCm'],
  widthCm: ['Deck width', 'cm', 'widthCm'],
  baseHeightCm: ['Base height', 'cm', 'baseHeightCm'],
  maxHeightCm: ['Highest when loaded', 'cm', 'maxHeightCm'],
  tareWeightKg: ['Empty weight', 'kg', 'tareWeightKg'],
  maxWeightKg: ['Most it may weigh, packed', 'kg', 'maxWeightKg'],
};

export function BoxEditor({
  box,
  onClose,
  onSaved,
}: {
  box?: Box;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { api } = useAdmin();
  const form = useBoxForm(box);
  const save = useAction((body: BoxInput) =>
    box ? api.packaging.boxes.replace(box.id, body) : api.packaging.boxes.create(body),
  );
  const submit = async () => {
    if (await save.run(boxBody(form.state))) onSaved();
  };
  const readOnly = useReadOnly();
  const saveAction = { content: 'Save box', onAction: () => void submit(), loading: save.pending };
  return (
    <Modal
      open
      title={box ? (readOnly ? box.name : `Edit ${box.name}`) : 'Add a box'}
      onClose={onClose}
      {...(readOnly ? {} : { primaryAction: saveAction })}
      secondaryAction={{ content: readOnly ? 'Close' : 'Cancel', onAction: onClose }}
    >
      <Stack gap="300">
        <ErrorBanner error={save.error} showDetails={false} />
        <BoxFields form={form} errors={fieldErrors(save.error)} editing={box !== undefined} />
      </Stack>
    </Modal>
  );
}

interface FieldsProps {
  readonly form: ReturnType<typeof useBoxForm>;
  readonly errors: Readonly<Record<string, string>>;
}

function BoxFields({ form, errors, editing }: FieldsProps & { editing: boolean }) {
  const { state, change } = form;
  const pallet = state.kind === 'pallet';
  return (
    <>
      <Row gap="300" blockAlign="start">
        <Select
          label="Kind"
          options={KIND_OPTIONS}
          value={state.kind}
          onChange={(kind) => change({ kind: kind as Box['kind'] })}
          disabled={editing}
        />
        <TextField
          label="Name"
          value={state.name}
          onChange={(name) => change({ name })}
          error={errors.name}
        />
      </Row>
      <Measures keys={pallet ? PALLET_SIZE : INSIDE} form={form} errors={errors} />
      {pallet ? null : (
        <>
          <Checkbox
            label="I measured the outside"
            checked={state.measuredOutside}
            onChange={(measuredOutside) => change({ measuredOutside })}
            helpText="Otherwise the outside is the inside plus the wall on every side."
          />
          <Measures keys={state.measuredOutside ? OUTSIDE : WALL} form={form} errors={errors} />
        </>
      )}
      <Measures keys={WEIGHTS} form={form} errors={errors} />
      <Checkbox
        label="Big Post: add MHP"
        checked={state.bigPostMhp}
        onChange={(bigPostMhp) => change({ bigPostMhp })}
        helpText="Sent to Big Post with every package in this box, like its own plugin's carton setting."
      />
    </>
  );
}

/** A row of number fields, each with its unit and the server's error for it. */
function Measures({ keys, form, errors }: FieldsProps & { keys: readonly MeasureKey[] }) {
  return (
    <Row gap="300" blockAlign="start">
      {keys.map((key) => {
        const [label, suffix, path] = FIELDS[key];
        return (
          <TextField
            key={key}
            label={label}
            suffix={suffix}
            inputMode="decimal"
            value={form.state.text[key]}
            onChange={(value) => form.setText(key, value)}
            error={errors[path]}
          />
        );
      })}
    </Row>
  );
}

const PALLET_SIZE = ['lengthCm', 'widthCm', 'baseHeightCm', 'maxHeightCm'] as const;
const INSIDE = ['innerL', 'innerW', 'innerH'] as const;
const OUTSIDE = ['outerL', 'outerW', 'outerH'] as const;
const WALL = ['wallCm'] as const;
const WEIGHTS = ['tareWeightKg', 'maxWeightKg'] as const;
