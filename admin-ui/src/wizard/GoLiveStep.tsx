/**
 * The last step: make checkout ask RateBridge. Shopify: register the carrier service, then each shipping
 * zone must list RateBridge under calculated rates. WooCommerce: a connector key pasted into the plugin.
 */
import type { GoLiveResponse } from '../../../core/wire/admin-api-types';
import { useState } from 'react';
import { isApiError } from '../api/api-error';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { writeFlag } from '../app/local-flags';
import { ConnectorKeyCreate } from '../components/ConnectorKeyCreate';
import { ErrorBanner } from '../components/ErrorBanner';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { List } from '../ui/List';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

export function GoLiveStep({ onFinished }: { onFinished: () => void }) {
  const { api, host } = useAdmin();
  const [ready, setReady] = useState(false);
  const finish = () => {
    writeFlag(api.host.apiBase, 'go-live-done');
    onFinished();
  };
  return (
    <Stack gap="400">
      {host.kind === 'shopify' ? (
        <ShopifyGoLive onDone={() => setReady(true)} />
      ) : (
        <WooCommerceGoLive onDone={() => setReady(true)} />
      )}
      <Row>
        <Button primary={ready} onClick={finish}>
          Finish setup
        </Button>
        {!ready ? <Text tone="subdued">You can finish now and do this later from Setup.</Text> : null}
      </Row>
    </Stack>
  );
}

function WooCommerceGoLive({ onDone }: { onDone: () => void }) {
  const { can } = useAdmin();
  const [unavailable, setUnavailable] = useState(false);
  return (
    <Card title="Connect your WooCommerce store">
      <Stack gap="300">
        <Text>
          The RateBridge plugin for WooCommerce asks this server for rates at checkout. It proves it is yours
          with a connector key: create one here and paste it into the plugin.
        </Text>
        {unavailable ? (
          <Banner tone="info" title="Connector keys are not available on this server">
            This RateBridge server does not run the WooCommerce bridge. Ask whoever runs it to enable it.
          </Banner>
        ) : can('owner') ? (
          <KeyCreator onDone={onDone} onUnavailable={() => setUnavailable(true)} />
        ) : (
          <Banner tone="info" title="An owner creates connector keys">
            A key signs the plugin in to this admin, so only the store&apos;s owners make them. Ask an owner
            to create one and paste it into the plugin.
          </Banner>
        )}
      </Stack>
    </Card>
  );
}

function KeyCreator({ onDone, onUnavailable }: { onDone: () => void; onUnavailable: () => void }) {
  return (
    <ConnectorKeyCreate
      onCreated={onDone}
      onError={(error) => {
        if (isApiError(error) && error.isMissingRoute) onUnavailable();
      }}
    />
  );
}

function ShopifyGoLive({ onDone }: { onDone: () => void }) {
  const { api } = useAdmin();
  const [result, setResult] = useState<GoLiveResponse | undefined>(undefined);
  const register = useAction(api.carrierService.create);
  return (
    <Card title="Turn on live rates at checkout">
      <Stack gap="300">
        <Text>
          RateBridge registers itself as a carrier service in your shop. Shopify then asks it for rates at
          every checkout, and shows your backup rates if it ever cannot answer in time.
        </Text>
        <Banner tone="info" title="Plan requirement">
          Carrier-calculated shipping needs the Advanced Shopify plan or higher, the Shopify plan billed
          yearly (or with the feature added by Shopify Support for a monthly fee), or a development store.
        </Banner>
        <ErrorBanner error={register.error} />
        {result ? (
          <Banner
            tone="success"
            title={
              result.carrierService.active
                ? 'RateBridge is registered and active'
                : 'RateBridge is registered'
            }
          >
            <List ordered items={result.instructions} />
          </Banner>
        ) : (
          <div>
            <Button
              primary
              loading={register.pending}
              onClick={() =>
                void register.run().then((value) => {
                  if (!value) return;
                  setResult(value);
                  onDone();
                })
              }
            >
              Turn on live rates
            </Button>
          </div>
        )}
        <Text strong>Then, in each shipping zone</Text>
        <List
          ordered
          items={[
            'In Shopify admin, open Settings → Shipping and delivery, then your shipping profile.',
            'In each zone that should get live rates: Add rate → “Use carrier or app to calculate rates” → RateBridge.',
            'Zones created later, or a plan upgraded later, need RateBridge added the same way: check every zone.',
          ]}
        />
      </Stack>
    </Card>
  );
}
