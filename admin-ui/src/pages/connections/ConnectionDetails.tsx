/** What RateBridge knows about a connection: platform and side, account, token hint, checks and use. */
import type { ConnectionView } from '../../../../core/wire/admin-api-types';
import { formatAgo, formatDateTime } from '../../format/dates';
import { OUTCOME_TEXT } from '../../format/connection-status';
import { DescriptionList } from '../../ui/DescriptionList';

export function ConnectionDetails({
  connection,
  platform,
}: {
  connection: ConnectionView;
  platform: string;
}) {
  return (
    <DescriptionList
      items={[
        {
          term: 'Platform',
          // Only some platforms say which side a token is on (MachShip does not): say when it is unconfirmed.
          description: `${platform}, ${connection.environment === 'live' ? 'live' : 'test'} environment${
            connection.account?.testMode === undefined
              ? ` (as chosen: ${platform} does not say whether the token is a test or a live one)`
              : ''
          }`,
        },
        ...(connection.account?.name ? [{ term: 'Account', description: connection.account.name }] : []),
        { term: 'Token', description: `ends in ${connection.hint}` },
        { term: 'Last verified', description: formatDateTime(connection.verifiedAt) },
        { term: 'Last used at checkout', description: formatAgo(connection.lastUsedAt, 'Not yet') },
        {
          term: 'Last check',
          description: connection.lastCheck
            ? `${OUTCOME_TEXT[connection.lastCheck.outcome]} ${formatAgo(connection.lastCheck.at)}${
                connection.lastCheck.detail ? `: ${connection.lastCheck.detail}` : ''
              }`
            : 'Not checked yet',
        },
        { term: 'Next scheduled check', description: formatDateTime(connection.nextCheckAt) },
      ]}
    />
  );
}
