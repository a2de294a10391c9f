import { useAdmin } from '../app/AdminContext';
import { connectionProblem } from '../format/connection-status';
import { Banner } from '../ui/Banner';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

/** On every page: each connection that cannot quote, what it means at checkout, and the fix. */
export function ConnectionAlerts() {
  const { connections } = useAdmin();
  const problems = (connections.data ?? []).flatMap((connection) => {
    const problem = connectionProblem(connection);
    return problem ? [{ connection, problem }] : [];
  });
  if (problems.length === 0) return null;
  return (
    <Stack gap="200">
      {problems.map(({ connection, problem }) => (
        <div key={connection.id} data-testid="connection-alert">
          <Banner
            tone={connection.status === 'revoked' ? 'critical' : 'warning'}
            title={problem.title}
            action={{
              content: 'Replace token',
              url: `/settings/connections?replace=${encodeURIComponent(connection.id)}`,
            }}
          >
            <Text>{problem.fix}</Text>
          </Banner>
        </div>
      ))}
    </Stack>
  );
}
