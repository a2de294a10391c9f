/**
 * Issues a connector key for the WooCommerce plugin. The secret is shown once, here, with where to paste
 * it; RateBridge keeps only a sealed copy and can never show it again.
 */
import type { CreatedConnectorKey } from '../../../core/wire/admin-api-types';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { List } from '../ui/List';
import { Stack } from '../ui/Stack';
import { Heading, Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { fieldErrors } from '../api/api-error';
import { CopyField } from './CopyField';
import { ErrorBanner } from './ErrorBanner';

export function ConnectorKeyCreate({
  onCreated,
  onError,
}: {
  onCreated?: (created: CreatedConnectorKey) => void;
  onError?: (error: unknown) => void;
}) {
  const { api } = useAdmin();
  const [name, setName] = useState('WooCommerce store');
  const [created, setCreated] = useState<CreatedConnectorKey | undefined>(undefined);
  const create = useAction(api.connectorKeys.create);
  // Reported once per failure, whatever function identity the caller passes on each render.
  const reportError = useRef(onError);
  reportError.current = onError;
  useEffect(() => {
    if (create.error !== undefined) reportError.current?.(create.error);
  }, [create.error]);
  const fields = fieldErrors(create.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create.run(name.trim());
    if (result) {
      setCreated(result);
      onCreated?.(result);
    }
  };

  if (created) return <ConnectorKeySecret created={created} onAnother={() => setCreated(undefined)} />;
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Create a connector key" noValidate>
      <Stack gap="300">
        <ErrorBanner error={create.error} showDetails={false} />
        <TextField
          label="Key name"
          value={name}
          onChange={setName}
          error={fields.name}
          helpText="Name it after the shop that will use it, e.g. “Main WooCommerce store”."
        />
        <div>
          <Button submit primary loading={create.pending} disabled={name.trim() === ''}>
            Create connector key
          </Button>
        </div>
      </Stack>
    </form>
  );
}

export function ConnectorKeySecret({
  created,
  onAnother,
}: {
  created: CreatedConnectorKey;
  onAnother?: () => void;
}) {
  const bridgeUrl = window.location.origin;
  return (
    <Stack gap="400">
      <Banner tone="warning" title="Copy the secret now: it is shown only this once">
        RateBridge keeps only a sealed copy. If you lose it, revoke this key and create a new one.
      </Banner>
      <CopyField label="Bridge URL" value={bridgeUrl} />
      <CopyField label="Key id" value={created.key.id} />
      <CopyField label="Key secret" value={created.secret} />
      <Heading level={3}>Paste them into the RateBridge plugin</Heading>
      <List
        ordered
        items={[
          'In WordPress, open WooCommerce → Settings → Shipping.',
          'Open each shipping zone that should get live rates and add the shipping method “RateBridge” (or edit it).',
          <>
            Paste the <strong>Bridge URL</strong>, <strong>Key id</strong> and <strong>Key secret</strong>{' '}
            above, and save.
          </>,
          'Add a product to the cart in your shop and check that live rates appear at checkout.',
        ]}
      />
      <Text tone="subdued">
        The plugin signs every request with the secret; requests older than five minutes or replayed are
        refused, so the server clocks must be right.
      </Text>
      {onAnother ? (
        <div>
          <Button plain onClick={onAnother}>
            Create another key
          </Button>
        </div>
      ) : null}
    </Stack>
  );
}
