/** The connector keys: name, id, when created and last used, status, and revoke for the active ones. */
import type { ConnectorKeyView } from '../../../../core/wire/admin-api-types';
import { formatAgo, formatDateTime } from '../../format/dates';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { Code } from '../../ui/Text';

export function ConnectorKeysTable({
  list,
  onRevoke,
}: {
  list: readonly ConnectorKeyView[];
  /** Absent for a role that may not revoke: no revoke button. */
  onRevoke?: (key: ConnectorKeyView) => void;
}) {
  return (
    <DataTable
      headings={['Name', 'Key id', 'Created', 'Last used', 'Status', 'Actions']}
      rows={list.map((key) => [
        key.name,
        <Code key="id">{key.id}</Code>,
        formatDateTime(key.createdAt),
        formatAgo(key.lastUsedAt, 'Never'),
        key.revokedAt ? (
          <Badge key="status" tone="critical">{`Revoked ${formatDateTime(key.revokedAt)}`}</Badge>
        ) : (
          <Badge key="status" tone="success">
            Active
          </Badge>
        ),
        key.revokedAt || !onRevoke ? (
          '—'
        ) : (
          <Button
            key="revoke"
            size="slim"
            critical
            onClick={() => onRevoke(key)}
            accessibilityLabel={`Revoke ${key.name}`}
          >
            Revoke
          </Button>
        ),
      ])}
    />
  );
}
