import { explainError, type HelpContext } from '../api/error-help';
import { Banner } from '../ui/Banner';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { List } from '../ui/List';
import { isApiError } from '../api/api-error';

/**
 * A failed call, explained: a title, the server's sentence, what to do, and per-line or per-field details
 * when the server listed them. The code is shown only beside those sentences, for support.
 */
export function ErrorBanner({
  error,
  context,
  onRetry,
  onDismiss,
  showDetails = true,
}: {
  error: unknown;
  context?: HelpContext;
  onRetry?: () => void;
  onDismiss?: () => void;
  showDetails?: boolean;
}) {
  if (error === undefined || error === null) return null;
  const explained = explainError(error, context);
  const details = showDetails && isApiError(error) ? error.details : [];
  return (
    <Banner
      tone="critical"
      title={explained.title}
      action={onRetry ? { content: 'Try again', onAction: onRetry } : undefined}
      onDismiss={onDismiss}
    >
      <Stack gap="200">
        <Text>{explained.message}</Text>
        {explained.help ? <Text>{explained.help}</Text> : null}
        {explained.retryAfterSeconds ? (
          <Text>You can try again in {explained.retryAfterSeconds} seconds.</Text>
        ) : null}
        {details.length > 0 ? (
          <List
            items={details.map((detail) =>
              detail.path ? `${capitalise(detail.path)}: ${detail.message}` : detail.message,
            )}
          />
        ) : null}
        {explained.code ? (
          <Text tone="subdued" small>
            Reference for support: {explained.code}
          </Text>
        ) : null}
      </Stack>
    </Banner>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
