/** One connection: its details, check now, replace token, activity, disconnect. */
import { useState } from 'react';
import type { ConnectionView } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { OUTCOME_TEXT, PLATFORM_NAMES, STATUS_BADGE } from '../../format/connection-status';
import { Badge } from '../../ui/Badge';
import { Button, ButtonGroup } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';
import { ConnectionDetails } from './ConnectionDetails';
import { DisconnectModal } from './DisconnectModal';
import { EventTimeline } from './EventTimeline';
import { ReplaceTokenModal } from './ReplaceTokenModal';

interface ConnectionCardProps {
  connection: ConnectionView;
  replaceOpen: boolean;
  onReplaceOpen: () => void;
  onReplaceClose: () => void;
}

export function ConnectionCard({
  connection,
  replaceOpen,
  onReplaceOpen,
  onReplaceClose,
}: ConnectionCardProps) {
  const { connections } = useAdmin();
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const [showEvents, setShowEvents] = useState(false);
  const [eventsVersion, setEventsVersion] = useState(0);
  const badge = STATUS_BADGE[connection.status];
  const platform = PLATFORM_NAMES[connection.platform] ?? connection.platform;
  const headingId = `connection-${connection.id}`;
  const replaced = (updated: ConnectionView) => {
    connections.setData((current) => (current ?? []).map((c) => (c.id === updated.id ? updated : c)));
    setEventsVersion((v) => v + 1);
  };
  const { verify, checkNote, checkNow } = useCheckNow(connection, platform, replaced);

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={connection.label}
        headingId={headingId}
        actions={<Badge tone={badge.tone}>{badge.label}</Badge>}
      >
        <Stack gap="300">
          <ConnectionDetails connection={connection} platform={platform} />
          <ErrorBanner error={verify.error} context={{ platform: connection.platform }} />
          <CheckNote note={checkNote} />
          <ConnectionButtons
            connection={connection}
            checking={verify.pending}
            onCheck={() => void checkNow()}
            onReplace={onReplaceOpen}
            showEvents={showEvents}
            onToggleEvents={() => setShowEvents((shown) => !shown)}
            onDisconnect={() => setConfirmDisconnect(true)}
          />
          {showEvents ? <EventTimeline connectionId={connection.id} version={eventsVersion} /> : null}
        </Stack>
      </Card>
      {replaceOpen ? (
        <ReplaceTokenModal
          connection={connection}
          onClose={onReplaceClose}
          onReplaced={(updated) => {
            replaced(updated);
            onReplaceClose();
          }}
        />
      ) : null}
      <DisconnectModal
        connection={connection}
        platform={platform}
        open={confirmDisconnect}
        onClose={() => setConfirmDisconnect(false)}
      />
    </section>
  );
}

/** Check now: asks the platform (at most once a minute) and says what it answered. */
function useCheckNow(
  connection: ConnectionView,
  platform: string,
  onChecked: (updated: ConnectionView) => void,
) {
  const { api } = useAdmin();
  const [checkNote, setCheckNote] = useState<string | undefined>(undefined);
  const verify = useAction(api.connections.verify);
  const checkNow = async () => {
    setCheckNote(undefined);
    const result = await verify.run(connection.id);
    if (!result) return;
    onChecked(result.connection);
    setCheckNote(
      result.checked
        ? `Checked just now: ${OUTCOME_TEXT[result.connection.lastCheck?.outcome ?? 'valid'].toLowerCase()}.`
        : `${platform} was asked less than a minute ago; showing that answer.`,
    );
  };

  return { verify, checkNote, checkNow };
}

function ConnectionButtons({
  connection,
  checking,
  onCheck,
  onReplace,
  showEvents,
  onToggleEvents,
  onDisconnect,
}: {
  connection: ConnectionView;
  checking: boolean;
  onCheck: () => void;
  onReplace: () => void;
  showEvents: boolean;
  onToggleEvents: () => void;
  onDisconnect: () => void;
}) {
  // Checking, replacing and disconnecting a token are an admin's; anyone may read its activity.
  const manage = useAdmin().can('admin');
  return (
    <ButtonGroup>
      {manage ? (
        <Button onClick={onCheck} loading={checking} accessibilityLabel={`Check ${connection.label} now`}>
          Check now
        </Button>
      ) : null}
      {manage ? (
        <Button
          primary={connection.status !== 'active'}
          onClick={onReplace}
          accessibilityLabel={`Replace the token of ${connection.label}`}
        >
          Replace token
        </Button>
      ) : null}
      <Button onClick={onToggleEvents} pressed={showEvents}>
        {showEvents ? 'Hide activity' : 'Show activity'}
      </Button>
      {manage ? (
        <Button critical onClick={onDisconnect} accessibilityLabel={`Disconnect ${connection.label}`}>
          Disconnect
        </Button>
      ) : null}
    </ButtonGroup>
  );
}

function CheckNote({ note }: { note: string | undefined }) {
  return note ? (
    <div role="status">
      <Text tone="subdued">{note}</Text>
    </div>
  ) : null;
}
