/**
 * The WooCommerce store (standalone only): the link's health once connected, and connecting (or
 * connecting again) by the key grant or by pasted keys, for admins and owners only.
 */
import { isApiError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ResourceView } from '../components/ResourceView';
import { StoreConnect } from '../components/StoreConnect';
import { StoreLinkHealth } from '../components/StoreLinkHealth';
import { Banner } from '../ui/Banner';
import { Card } from '../ui/Card';
import { Stack } from '../ui/Stack';

export function WooCommerceStorePage() {
  const { api, can } = useAdmin();
  const store = useResource(() => api.woocommerceStore(), [api]);
  const unavailable = isApiError(store.error) && store.error.isMissingRoute;

  return (
    <AdminPage
      title="WooCommerce store"
      subtitle="The link between RateBridge and your store: its key, units and product webhooks"
      secondaryActions={unavailable ? [] : [{ content: 'Refresh', onAction: () => void store.reload() }]}
    >
      {unavailable ? (
        <Banner tone="info" title="WooCommerce is not available on this server">
          This RateBridge server does not run the WooCommerce bridge. Ask whoever runs it to enable it.
        </Banner>
      ) : (
        <ResourceView resource={store} label="WooCommerce store">
          {(current) => (
            <Stack gap="400">
              {current ? (
                <Card title="Link health" headingId="link-health">
                  <section aria-labelledby="link-health">
                    <StoreLinkHealth store={current} />
                  </section>
                </Card>
              ) : null}
              {/* Connecting changes the store's keys: admins and owners (the API refuses others too). */}
              {can('admin') ? (
                <Card title={current ? 'Connect again' : 'Connect your store'}>
                  <StoreConnect
                    initialUrl={current?.storeUrl ?? ''}
                    onConnected={(next) => store.setData(next)}
                  />
                </Card>
              ) : null}
            </Stack>
          )}
        </ResourceView>
      )}
    </AdminPage>
  );
}
