import { isApiError } from '../api/api-error';
import { Banner } from '../ui/Banner';
import { Text } from '../ui/Text';

/** A refused or failed sandbox call: the sandbox's own sentence (it names the fix), and its code for support. */
export function SandboxError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
  return (
    <Banner
      tone="critical"
      title="The sandbox could not do that"
      action={onRetry ? { content: 'Try again', onAction: onRetry } : undefined}
    >
      <Text>{message}</Text>
      {isApiError(error) ? <Text tone="subdued" small>{`Code: ${error.code}`}</Text> : null}
    </Banner>
  );
}
