/** Once a platform is chosen: its environment, the connection's name and the token, with their help. */
import type { PlatformEnvironment, PlatformName } from '../../../../core/wire/admin-api-types';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { TokenField } from '../TokenField';
import { ENV_LABEL, type useConnectForm } from './use-connect-form';

const TOKEN_HELP: Readonly<Record<PlatformName, string>> = {
  machship:
    'In MachShip: your user menu → My API Tokens → create a token. Copy it at once: MachShip shows it only once.',
  bigpost:
    'In Big Post: account settings → API → create an access token (staging site for test, live site for live).',
  sandbox:
    'The sandbox is a simulated platform for trying RateBridge. Create a token with POST /sandbox/api-tokens {"name", "environment"}; it is shown once.',
};

export function PlatformFields({ form }: { form: ReturnType<typeof useConnectForm> }) {
  const { platform, environment, setEnvironment, label, setLabel, setLabelEdited, token, setToken } = form;
  const { connect, fields, code, tokenError } = form;
  if (!platform) return null;
  return (
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
          fields.environment || (code === 'RB_ERR_TOKEN_WRONG_ENVIRONMENT' && 'Try the other environment.')
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
      <TokenField value={token} onChange={setToken} error={tokenError} helpText={TOKEN_HELP[platform.name]} />
    </>
  );
}
