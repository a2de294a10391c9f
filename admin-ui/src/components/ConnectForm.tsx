/**
 * Connect a freight platform: pick it and its environment, paste the token, and RateBridge verifies it at
 * once. Each refusal gets its own guidance (error-help.ts) and points at the field to fix.
 */
import type {
  ConnectionView,
  PlatformEnvironment,
  PlatformName,
  PlatformView,
} from '../../../core/wire/admin-api-types';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useAdmin } from '../app/AdminContext';
import { fieldErrors } from '../api/api-error';
import { useAction } from '../api/use-resource';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { ErrorBanner } from './ErrorBanner';
import { TokenField } from './TokenField';

const TOKEN_HELP: Readonly<Record<PlatformName, string>> = {
  machship:
    'In MachShip: your user menu → My API Tokens → create a token. Copy it at once: MachShip shows it only once.',
  bigpost:
    'In Big Post: account settings → API → create an access token (staging site for test, live site for live).',
  sandbox:
    'The sandbox is a simulated platform for trying RateBridge. Create a token with POST /sandbox/api-tokens {"name", "environment"}; it is shown once.',
};
const ENV_LABEL: Readonly<Record<PlatformEnvironment, string>> = { live: 'Live', test: 'Test' };

/** Token errors belong under the token field; the others are about the form as a whole. */
const TOKEN_CODES = new Set([
  'RB_ERR_TOKEN_EMPTY',
  'RB_ERR_TOKEN_WHITESPACE',
  'RB_ERR_TOKEN_CONTROL_CHARACTERS',
  'RB_ERR_TOKEN_TOO_LONG',
  'RB_ERR_TOKEN_REJECTED',
  'RB_ERR_TOKEN_FORBIDDEN',
  'RB_ERR_TOKEN_ALREADY_CONNECTED',
]);

export function ConnectForm({
  platforms,
  onConnected,
  submitLabel = 'Connect and verify',
  onReady,
}: {
  platforms: readonly PlatformView[];
  onConnected: (connection: ConnectionView) => void;
  submitLabel?: string;
  /** Called once the first control can be used (the wizard's time-to-interactive mark). */
  onReady?: () => void;
}) {
  const { api } = useAdmin();
  const [platformName, setPlatformName] = useState<PlatformName | ''>('');
  const platform = platforms.find((p) => p.name === platformName);
  const [environment, setEnvironment] = useState<PlatformEnvironment>('live');
  const [label, setLabel] = useState('');
  const [labelEdited, setLabelEdited] = useState(false);
  const [token, setToken] = useState('');
  const connect = useAction(api.connections.create);

  useEffect(() => {
    if (platforms.length > 0) onReady?.();
  }, [platforms.length, onReady]);

  // A sensible default name, until the merchant types their own.
  useEffect(() => {
    if (!labelEdited && platform)
      setLabel(`${platform.displayName} (${ENV_LABEL[environment].toLowerCase()})`);
  }, [platform, environment, labelEdited]);

  const choosePlatform = (name: string) => {
    setPlatformName(name as PlatformName);
    const chosen = platforms.find((p) => p.name === name);
    // The sandbox is for trying things out, so it starts on test; real platforms on live.
    const preferred: PlatformEnvironment = name === 'sandbox' ? 'test' : 'live';
    if (chosen)
      setEnvironment(
        chosen.environments.includes(preferred) ? preferred : (chosen.environments[0] ?? 'live'),
      );
    connect.reset();
  };

  const fields = fieldErrors(connect.error);
  const code = (connect.error as { code?: string } | undefined)?.code;
  const tokenError =
    code && TOKEN_CODES.has(code) ? 'See the message above for how to fix it.' : fields.token;
  const platformOptions = useMemo(
    () => [
      { label: 'Choose a platform', value: '', disabled: true },
      ...platforms.map((p) => ({ label: p.displayName, value: p.name })),
    ],
    [platforms],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!platform) return;
    const connection = await connect.run({
      platform: platform.name,
      environment,
      label: label.trim(),
      token,
    });
    if (connection) {
      setToken('');
      onConnected(connection);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Connect a freight platform" noValidate>
      <Stack gap="400">
        <ErrorBanner
          error={connect.error}
          context={platform ? { platform: platform.name } : {}}
          showDetails={false}
        />
        <Select
          label="Freight platform"
          options={platformOptions}
          value={platformName}
          onChange={choosePlatform}
          error={fields.platform}
          helpText="The platform you book freight with: RateBridge asks it for prices at checkout."
        />
        {platform ? (
          <>
            <Select
              label="Environment"
              options={platform.environments.map((env) => ({ label: ENV_LABEL[env], value: env }))}
              value={environment}
              onChange={(value) => {
                setEnvironment(value as PlatformEnvironment);
                connect.reset();
              }}
              error={
                fields.environment ||
                (code === 'RB_ERR_TOKEN_WRONG_ENVIRONMENT' && 'Try the other environment.')
              }
              helpText="Test tokens quote without booking anything real; live tokens price your real checkout."
            />
            <TextField
              label="Connection name"
              value={label}
              onChange={(value) => {
                setLabel(value);
                setLabelEdited(true);
              }}
              error={fields.label || (code === 'RB_ERR_LABEL_TAKEN' && 'Choose another name.')}
              helpText="Only you see this, to tell connections apart."
            />
            <TokenField
              value={token}
              onChange={setToken}
              error={tokenError}
              helpText={TOKEN_HELP[platform.name]}
            />
          </>
        ) : null}
        <div>
          <Button primary submit loading={connect.pending} disabled={!platform || token.trim() === ''}>
            {submitLabel}
          </Button>
        </div>
        {connect.pending ? (
          <Text tone="subdued">Checking the token with {platform?.displayName ?? 'the platform'}…</Text>
        ) : null}
      </Stack>
    </form>
  );
}
