/**
 * The connector keys: name, id, who made it and when, last used, status, and revoke for the active ones. A
 * key whose maker was removed from the store is flagged: it still answers rates but signs nobody in.
 */
import type { ListedConnectorKey } from '../../../../core/wire/admin-api-types';
import { formatAgo, formatDateTime } from '../../format/dates';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { Code } from '../../ui/Text';

export function ConnectorKeysTable({
  list,
  onRevoke,
}: {
  list: readonly ListedConnectorKey[];
  /** Absent for a role that may not revoke: no revoke button. */
  onRevoke?: (key: ListedConnectorKey) => void;
}) {
  return (
    <DataTable
      headings={['Name', 'Key id', 'Created', 'Made by', 'Last used', 'Status', 'Actions']}
      rows={list.map((key) => [
        key.name,
        <Code key="id">{key.id}</Code>,
        formatDateTime(key.createdAt),
        key.createdBy?.email ?? (key.createdBy ? 'The store owner' : 'Not recorded'),
        formatAgo(key.lastUsedAt, 'Never'),
        key.revokedAt ? (
          <Badge key="status" tone="critical">{`Revoked ${formatDateTime(key.revokedAt)}`}</Badge>
        ) : key.creatorRemoved ? (
          <Badge key="status" tone="warning">
            Maker removed: replace this key
          </Badge>
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
