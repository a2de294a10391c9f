import type { ConnectionView } from '../../../core/wire/admin-api-types';
import { useCallback, useRef, useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { ConnectForm } from '../components/ConnectForm';
import { ResourceView } from '../components/ResourceView';
import { PLATFORM_NAMES, STATUS_BADGE } from '../format/connection-status';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

/** Marks the moment the first wizard control can be used, for the time-to-interactive figure. */
const INTERACTIVE_MARK = 'rb:wizard-interactive';

export function ConnectStep({ onDone }: { onDone: () => void }) {
  const { platforms, connections } = useAdmin();
  const [adding, setAdding] = useState(false);
  const marked = useRef(false);
  const onReady = useCallback(() => {
    if (marked.current || performance.getEntriesByName(INTERACTIVE_MARK).length > 0) return;
    marked.current = true;
    performance.mark(INTERACTIVE_MARK);
  }, []);
  const existing = connections.data ?? [];

  const connected = async (_connection: ConnectionView) => {
    await connections.reload();
    setAdding(false);
    onDone();
  };

  return (
    <Stack gap="400">
      {existing.length > 0 && !adding ? (
        <Card title="Connected">
          <Stack gap="300">
            {existing.map((connection) => (
              <Row key={connection.id} gap="200">
                <Text strong>{connection.label}</Text>
                <Text tone="subdued">
                  {PLATFORM_NAMES[connection.platform]} · {connection.environment} · token ending{' '}
                  {connection.hint}
                </Text>
                <Badge tone={STATUS_BADGE[connection.status].tone}>
                  {STATUS_BADGE[connection.status].label}
                </Badge>
              </Row>
            ))}
            <Row>
              <Button primary onClick={onDone}>
                Continue
              </Button>
              <Button onClick={() => setAdding(true)}>Connect another platform</Button>
            </Row>
          </Stack>
        </Card>
      ) : (
        <Card title="Your freight platform’s API token">
          <Text>
            RateBridge asks your freight platform for live prices at checkout, with an API token you create
            there. It is checked right away, stored encrypted, and never shown again (only its last four
            characters).
          </Text>
          <ResourceView resource={platforms} label="platforms">
            {(list) => (
              <ConnectForm platforms={list} onConnected={(c) => void connected(c)} onReady={onReady} />
            )}
          </ResourceView>
        </Card>
      )}
    </Stack>
  );
}
