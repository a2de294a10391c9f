/** The sandbox account's API tokens: created, last used, environment, status; revoke after a confirmation. */
import { useState } from 'react';
import type { Resource } from '../api/use-resource';
import { useAction } from '../api/use-resource';
import { formatAgo, formatDateTime } from '../format/dates';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { LoadingState } from '../ui/LoadingState';
import { Modal } from '../ui/Modal';
import { Stack } from '../ui/Stack';
import { Code, Text } from '../ui/Text';
import { sandboxApi, type SandboxToken } from './sandbox-api';
import { SandboxError } from './SandboxError';

export function TokenList({ tokens }: { tokens: Resource<SandboxToken[]> }) {
  const [revoking, setRevoking] = useState<SandboxToken | undefined>(undefined);
  const revoke = useAction(sandboxApi.revokeToken);
  const close = () => {
    revoke.reset();
    setRevoking(undefined);
  };

  return (
    <>
      {tokens.data === undefined ? (
        tokens.error ? (
          <SandboxError error={tokens.error} onRetry={() => void tokens.reload()} />
        ) : (
          <LoadingState label="Loading the API tokens" />
        )
      ) : (
        <Card title="API tokens">
          {tokens.data.length === 0 ? (
            <EmptyState heading="No API tokens yet">
              Create one above, then paste it into the RateBridge admin.
            </EmptyState>
          ) : (
            <TokenTable tokens={tokens.data} onRevoke={setRevoking} />
          )}
        </Card>
      )}
      <Modal
        open={revoking !== undefined}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        onClose={close}
        primaryAction={{
          content: 'Revoke token',
          destructive: true,
          loading: revoke.pending,
          onAction: () =>
            void revoke.run(revoking?.name ?? '').then((result) => {
              if (!result) return;
              close();
              void tokens.reload();
            }),
        }}
        secondaryAction={{ content: 'Keep it', onAction: close }}
      >
        <Stack gap="200">
          <SandboxError error={revoke.error} />
          <Text>
            Every call made with this token fails from now on, as a revoked MachShip or Big Post token does:
            RateBridge marks the connection revoked and falls back. This cannot be undone.
          </Text>
        </Stack>
      </Modal>
    </>
  );
}

function TokenTable({
  tokens,
  onRevoke,
}: {
  tokens: SandboxToken[];
  onRevoke: (token: SandboxToken) => void;
}) {
  // Newest first, as the platforms list them.
  const sorted = [...tokens].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <DataTable
      headings={['Name', 'Token', 'Environment', 'Created', 'Last used', 'Status', 'Actions']}
      rows={sorted.map((token) => [
        token.name,
        <Code key="token">{`…${token.lastFour}`}</Code>,
        token.environment === 'live' ? 'Live' : 'Test',
        formatDateTime(token.createdAt),
        formatAgo(token.lastUsedAt, 'Never'),
        token.revokedAt ? (
          <Badge key="status" tone="critical">{`Revoked ${formatDateTime(token.revokedAt)}`}</Badge>
        ) : (
          <Badge key="status" tone="success">
            Active
          </Badge>
        ),
        token.revokedAt ? (
          '—'
        ) : (
          <Button
            key="revoke"
            size="slim"
            critical
            onClick={() => onRevoke(token)}
            accessibilityLabel={`Revoke ${token.name}`}
          >
            Revoke
          </Button>
        ),
      ])}
    />
  );
}
