/**
 * Shopify: who of the shop's staff may change tokens, connector keys and settings. The account owner
 * chooses; without the read_users scope RateBridge cannot tell who that is, so the card says so and every
 * staff member with access to the app stays an admin (docs/platforms/shopify.md, "Who may change tokens").
 */
import type { AccessPolicy } from '../../../../core/wire/admin-api-types';
import { useAction, useResource } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ResourceView } from '../../components/ResourceView';
import { Card } from '../../ui/Card';
import { Select } from '../../ui/Select';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

const OPTIONS: readonly { label: string; value: AccessPolicy['tokenManagers'] }[] = [
  { label: 'Every staff member with access to RateBridge', value: 'all_staff' },
  { label: 'Only the account owner', value: 'account_owner' },
];

export function AccessPolicyCard() {
  const { api, can } = useAdmin();
  const policy = useResource(() => api.accessPolicy.get(), [api]);
  const save = useAction(async (tokenManagers: AccessPolicy['tokenManagers']) => {
    await api.accessPolicy.put({ tokenManagers });
    await policy.reload();
  });
  return (
    <Card title="Who may change tokens and settings">
      <ResourceView resource={policy} label="access policy">
        {({ policy: current, ownerKnown }) => (
          <Stack gap="300">
            <ErrorBanner error={save.error} showDetails={false} />
            <Select
              label="Staff who may change tokens, connector keys and settings"
              options={OPTIONS}
              value={current.tokenManagers}
              disabled={!can('owner')}
              onChange={(value) => void save.run(value === 'account_owner' ? 'account_owner' : 'all_staff')}
            />
            <Text tone="subdued">
              {ownerKnown
                ? 'Only the account owner can change this. Other staff can still read everything and run test quotes.'
                : 'RateBridge cannot tell the account owner apart on this store (that needs Shopify’s read_users access, on Plus and Advanced plans), so every staff member with access to RateBridge may change them. Choose who has access to the app in Shopify’s staff permissions.'}
            </Text>
          </Stack>
        )}
      </ResourceView>
    </Card>
  );
}
