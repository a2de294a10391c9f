/** The connect form's state: platform, environment, a default name until one is typed, token, connect. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/api-error';
import type {
  ConnectionView,
  PlatformEnvironment,
  PlatformName,
  PlatformView,
} from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';

export const ENV_LABEL: Readonly<Record<PlatformEnvironment, string>> = { live: 'Live', test: 'Test' };

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

export function useConnectForm(
  platforms: readonly PlatformView[],
  onConnected: (connection: ConnectionView) => void,
  onReady: (() => void) | undefined,
) {
  const { api } = useAdmin();
  const [platformName, setPlatformName] = useState<PlatformName | ''>('');
  const platform = platforms.find((p) => p.name === platformName);
  const [environment, setEnvironment] = useState<PlatformEnvironment>('live');
  const [token, setToken] = useState('');
  const connect = useAction(api.connections.create);

  useEffect(() => {
    if (platforms.length > 0) onReady?.();
  }, [platforms.length, onReady]);

  const { label, setLabel, setLabelEdited } = useDefaultLabel(platform, environment);

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

  const { fields, code, tokenError } = connectErrors(connect.error);
  const platformOptions = usePlatformOptions(platforms);

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

  return {
    platformName,
    platform,
    environment,
    setEnvironment,
    label,
    setLabel,
    setLabelEdited,
    token,
    setToken,
    connect,
    choosePlatform,
    fields,
    code,
    tokenError,
    platformOptions,
    submit,
  };
}

/** A sensible default name for the connection, until the merchant types their own. */
function useDefaultLabel(platform: PlatformView | undefined, environment: PlatformEnvironment) {
  const [label, setLabel] = useState('');
  const [labelEdited, setLabelEdited] = useState(false);
  useEffect(() => {
    if (!labelEdited && platform)
      setLabel(`${platform.displayName} (${ENV_LABEL[environment].toLowerCase()})`);
  }, [platform, environment, labelEdited]);
  return { label, setLabel, setLabelEdited };
}

function usePlatformOptions(platforms: readonly PlatformView[]) {
  return useMemo(
    () => [
      { label: 'Choose a platform', value: '', disabled: true },
      ...platforms.map((p) => ({ label: p.displayName, value: p.name })),
    ],
    [platforms],
  );
}

/** The refusal's errors by field; token refusals point at the message above, which says how to fix them. */
function connectErrors(error: unknown) {
  const fields = fieldErrors(error);
  const code = (error as { code?: string } | undefined)?.code;
  const tokenError =
    code && TOKEN_CODES.has(code) ? 'See the message above for how to fix it.' : fields.token;
  return { fields, code, tokenError };
}
