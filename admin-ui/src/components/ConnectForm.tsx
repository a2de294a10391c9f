/**
 * Connect a freight platform: pick it and its environment, paste the token, and RateBridge verifies it at
 * once. Each refusal gets its own guidance (error-help.ts) and points at the field to fix.
 */
import type { ConnectionView, PlatformView } from '../../../core/wire/admin-api-types';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { ErrorBanner } from './ErrorBanner';
import { PlatformFields } from './connect-form/PlatformFields';
import { useConnectForm } from './connect-form/use-connect-form';

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
  const form = useConnectForm(platforms, onConnected, onReady);
  const { platformName, platform, token, connect, choosePlatform, fields, platformOptions, submit } = form;

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
        <PlatformFields form={form} />
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
