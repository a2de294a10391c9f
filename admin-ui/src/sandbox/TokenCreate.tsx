/**
 * "Create API token", as the freight platforms' own token pages do it: a name (unique in the sandbox
 * account), an environment, and the value shown once with a copy button. After "Done" it is gone for good:
 * the sandbox keeps only its digest.
 */
import { useState, type FormEvent } from 'react';
import { fieldErrors, isApiError, type ApiError } from '../api/api-error';
import { useAction } from '../api/use-resource';
import { CopyField } from '../components/CopyField';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Select } from '../ui/Select';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { sandboxApi, type CreatedSandboxToken, type SandboxEnvironment } from './sandbox-api';
import { SandboxError } from './SandboxError';

const ENVIRONMENTS = [
  { label: 'Test', value: 'test' },
  { label: 'Live', value: 'live' },
] as const;

export function TokenCreate({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<SandboxEnvironment>('test');
  const [created, setCreated] = useState<CreatedSandboxToken | undefined>(undefined);
  const create = useAction(sandboxApi.createToken);
  // A taken name is the name field's problem, shown under it like a validation error.
  const nameError =
    fieldErrors(create.error).name ?? (isNameTaken(create.error) ? create.error.message : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create.run(name.trim(), environment);
    if (!result) return;
    setCreated(result);
    setName('');
    onCreated();
  };

  if (created) return <TokenShownOnce created={created} onDone={() => setCreated(undefined)} />;
  return (
    <Card title="Create an API token" headingId="create-token-heading">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="create-token-heading" noValidate>
        <Stack gap="300">
          {nameError ? null : <SandboxError error={create.error} />}
          <TextField
            label="Token name"
            value={name}
            onChange={setName}
            error={nameError}
            helpText="Name it after where it will be used, e.g. “My shop”. Each name can be used once."
          />
          <Select
            label="Environment"
            options={ENVIRONMENTS}
            value={environment}
            onChange={(value) => setEnvironment(value === 'live' ? 'live' : 'test')}
            helpText="A test token quotes as a platform's test account does; RateBridge checks it matches."
          />
          <div>
            <Button submit primary loading={create.pending} disabled={name.trim() === ''}>
              Create token
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

function isNameTaken(error: unknown): error is ApiError {
  return isApiError(error) && error.code === 'name_taken';
}

function TokenShownOnce({ created, onDone }: { created: CreatedSandboxToken; onDone: () => void }) {
  return (
    <Card title={`Token “${created.apiToken.name}” created`}>
      <Stack gap="300">
        <Banner tone="warning" title="Copy the token now: it is shown only this once">
          The sandbox keeps only a fingerprint of it. If you lose it, revoke it and create another.
        </Banner>
        <CopyField label="API token" value={created.token} />
        <Text>
          Paste it into the RateBridge admin’s first step (platform “Sandbox”, environment “
          {created.apiToken.environment}”).
        </Text>
        <div>
          <Button onClick={onDone}>Done</Button>
        </div>
      </Stack>
    </Card>
  );
}
