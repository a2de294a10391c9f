/**
 * One product's packaging: its packages (one row per kind), where it ships from, and consolidation. In a
 * read-only region (a viewer) the dialog shows the values and only closes.
 */
import type { LocationRecord, PackagingProfile } from '../../../core/wire/admin-api-types';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { Modal } from '../ui/Modal';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { Heading } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { EditOnly, useReadOnly } from '../ui/ReadOnly';
import { ErrorBanner } from './ErrorBanner';
import { PackageRowFields } from './profile-editor/PackageRowFields';
import { ShipsFrom } from './profile-editor/ShipsFrom';
import { EMPTY_ROW, useProfileForm } from './profile-editor/use-profile-form';

interface ProfileEditorProps {
  /** The profile being edited; absent to add one. */
  profile?: PackagingProfile;
  /** For "add packaging" from the missing-dimensions list: `sku:…` or `variant:…`. */
  suggestedKey?: string;
  locations: readonly LocationRecord[];
  onClose: () => void;
  onSaved: (profile: PackagingProfile) => void;
}

export function ProfileEditor({ profile, suggestedKey, locations, onClose, onSaved }: ProfileEditorProps) {
  const form = useProfileForm(profile, suggestedKey, onSaved);
  const { kind, setKind, identifier, setIdentifier, rows, setRows, update, save, fields, submit } = form;
  const { locationIds, setLocationIds } = form;
  const readOnly = useReadOnly();

  const title = profile ? `Packaging of ${identifier}` : 'Add packaging';
  const saveAction = { content: 'Save packaging', onAction: () => void submit(), loading: save.pending };
  return (
    <Modal
      open
      title={title}
      onClose={onClose}
      {...(readOnly ? {} : { primaryAction: saveAction })}
      secondaryAction={{ content: readOnly ? 'Close' : 'Cancel', onAction: onClose }}
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
        {rows.map((row, index) => (
          <PackageRowFields
            key={index}
            index={index}
            row={row}
            fields={fields}
            removable={rows.length > 1}
            onChange={(change) => update(index, change)}
            onRemove={() => setRows((r) => r.filter((_, i) => i !== index))}
          />
        ))}
        <EditOnly>
          <div>
            <Button onClick={() => setRows((r) => [...r, { ...EMPTY_ROW }])}>Add another package</Button>
          </div>
        </EditOnly>
        <ShipsFrom locations={locations} locationIds={locationIds} setLocationIds={setLocationIds} />
        <ProfileFlags form={form} />
      </Stack>
    </Modal>
  );
}

function ProfileFlags({ form }: { form: ReturnType<typeof useProfileForm> }) {
  return (
    <>
      <Checkbox
        label="The carrier may consolidate it with other goods"
        checked={form.consolidatable}
        onChange={form.setConsolidatable}
      />
      <Checkbox
        label="It ships alone, in its own packaging"
        helpText="Never packed into your boxes or onto a pallet (a boxed TV, a bike)."
        checked={form.shipsAlone}
        onChange={form.setShipsAlone}
      />
    </>
  );
}
