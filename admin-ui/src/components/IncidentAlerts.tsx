import { useAdmin } from '../app/AdminContext';
import type { IncidentKind } from '../../../core/wire/admin-api-types';
import { Banner } from '../ui/Banner';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

/** Kinds about a connection's token: ConnectionAlerts already shows those while the connection is failing. */
const TOKEN_KINDS: ReadonlySet<IncidentKind> = new Set(['token_revoked', 'token_unusable']);

/** On every page: each open incident, what it means at checkout, and what to do (one click away). */
export function IncidentAlerts() {
  const { incidents, connections } = useAdmin();
  const failing = new Set(
    (connections.data ?? []).filter((connection) => connection.status !== 'active').map((c) => c.id),
  );
  const open = (incidents.data ?? []).filter(
    (incident) =>
      incident.resolvedAt === null && !(TOKEN_KINDS.has(incident.kind) && failing.has(incident.subject)),
  );
  if (open.length === 0) return null;
  return (
    <Stack gap="200">
      {open.map((incident) => (
        <div key={incident.id} data-testid="incident-alert">
          <Banner
            tone={incident.kind === 'budget_exhausted' ? 'warning' : 'critical'}
            title={incident.title}
            action={{ content: 'What to do', url: incident.actionPath }}
          >
            <Text>{incident.action}</Text>
          </Banner>
        </div>
      ))}
    </Stack>
  );
}
