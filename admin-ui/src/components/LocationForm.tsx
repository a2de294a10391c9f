/**
 * A pickup location's address (the suburb field fills postcode and state when a suggestion is picked) and
 * when it despatches (DespatchFields). In a read-only region (a viewer) it shows the values, with Close.
 */
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/api-error';
import type { LocationInput, LocationRecord } from '../../../core/wire/admin-api-types';
import { AU_STATES } from '../../../core/wire/vocabulary';
import { Button, ButtonGroup } from '../ui/Button';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';
import { useReadOnly } from '../ui/ReadOnly';
import { DespatchFields } from './DespatchFields';
import { despatchForm, despatchInput } from './despatch-form';
import { ErrorBanner } from './ErrorBanner';
import { LocalityField } from './LocalityField';

interface LocationFormProps {
  initial?: LocationRecord;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: LocationInput) => void;
  onCancel?: () => void;
  /** Show the despatch settings (the wizard leaves them at their defaults, to be set later). */
  despatch?: boolean;
}

export function LocationForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  despatch: withDespatch = true,
}: LocationFormProps) {
  const form = useLocationFields(initial, onSubmit, withDespatch);
  const { name, setName, addressLine1, setAddressLine1, suburb, setSuburb, postcode, setPostcode } = form;
  const { state, setState, despatch, setDespatch, submit } = form;
  const fields = fieldErrors(error);
  const readOnly = useReadOnly();

  return (
    <form
      onSubmit={submit}
      aria-label={initial ? `${readOnly ? '' : 'Edit '}${initial.name}` : 'Add a pickup location'}
      noValidate
    >
      <Stack gap="300">
        <ErrorBanner error={error} showDetails={false} />
        <TextField
          label="Location name"
          value={name}
          onChange={setName}
          error={fields.name}
          placeholder="Sydney warehouse"
          helpText="The packaging CSV refers to locations by this name."
          requiredIndicator
        />
        <TextField
          label="Street address (optional)"
          value={addressLine1}
          onChange={setAddressLine1}
          error={fields.addressLine1}
          autoComplete="address-line1"
        />
        <AddressFields
          address={{ suburb, postcode, state }}
          fields={fields}
          setSuburb={setSuburb}
          setPostcode={setPostcode}
          setState={setState}
        />
        {withDespatch ? (
          <DespatchFields form={despatch} state={state} errors={fields} onChange={setDespatch} />
        ) : null}
        <ButtonGroup>
          {readOnly ? null : (
            <Button submit primary loading={pending}>
              {submitLabel}
            </Button>
          )}
          {onCancel ? <Button onClick={onCancel}>{readOnly ? 'Close' : 'Cancel'}</Button> : null}
        </ButtonGroup>
      </Stack>
    </form>
  );
}

/** Suburb (a picked suggestion fills postcode and state), postcode and state. */
function AddressFields({
  address,
  fields,
  setSuburb,
  setPostcode,
  setState,
}: {
  address: { suburb: string; postcode: string; state: string };
  fields: Readonly<Record<string, string>>;
  setSuburb: (suburb: string) => void;
  setPostcode: (postcode: string) => void;
  setState: (state: string) => void;
}) {
  return (
    <>
      <LocalityField
        value={address.suburb}
        onInput={setSuburb}
        onPick={(locality) => {
          setSuburb(locality.suburb);
          setPostcode(locality.postcode);
          setState(locality.state);
        }}
        error={fields.suburb}
      />
      <Row gap="300" blockAlign="start">
        <TextField
          label="Postcode"
          value={address.postcode}
          onChange={setPostcode}
          error={fields.postcode}
          inputMode="numeric"
          autoComplete="postal-code"
        />
        <Select
          label="State"
          options={[
            { label: 'Choose', value: '', disabled: true },
            ...AU_STATES.map((s) => ({ label: s, value: s })),
          ]}
          value={address.state}
          onChange={setState}
          error={fields.state}
        />
      </Row>
    </>
  );
}

/** The form's fields as typed, and the submit that trims them into a location. */
function useLocationFields(
  initial: LocationRecord | undefined,
  onSubmit: (input: LocationInput) => void,
  withDespatch: boolean,
) {
  const [name, setName] = useState(initial?.name ?? '');
  const [addressLine1, setAddressLine1] = useState(initial?.addressLine1 ?? '');
  const [suburb, setSuburb] = useState(initial?.suburb ?? '');
  const [postcode, setPostcode] = useState(initial?.postcode ?? '');
  const [state, setState] = useState<string>(initial?.state ?? '');
  const [despatch, setDespatch] = useState(() => despatchForm(initial?.despatch));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      name: name.trim(),
      ...(addressLine1.trim() ? { addressLine1: addressLine1.trim() } : {}),
      suburb: suburb.trim(),
      postcode: postcode.trim(),
      state,
      // Left out, a new location gets the defaults and an edited one keeps its settings.
      ...(withDespatch ? { despatch: despatchInput(despatch) } : {}),
    });
  };

  return {
    name,
    setName,
    addressLine1,
    setAddressLine1,
    suburb,
    setSuburb,
    postcode,
    setPostcode,
    state,
    setState,
    despatch,
    setDespatch,
    submit,
  };
}
