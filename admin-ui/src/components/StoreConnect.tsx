/**
 * Connecting a WooCommerce store, two ways. The key grant sends the merchant to their store to approve
 * read access, and WooCommerce's own error page never leads back: so what the grant needs is checked and
 * explained first (https with a certificate WordPress trusts, port 80, 443 or 8080, a public address,
 * pretty permalinks), and pasted keys are offered beside it.
 */
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/api-error';
import type { GrantCheck, StoreConnectionView as WooCommerceStore } from '../../../core/wire/admin-api-types';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { List } from '../ui/List';
import { Stack } from '../ui/Stack';
import { Heading, Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { ErrorBanner } from './ErrorBanner';

export function StoreConnect({
  initialUrl,
  onConnected,
}: {
  initialUrl: string;
  onConnected: (store: WooCommerceStore) => void;
}) {
  const { api } = useAdmin();
  const [storeUrl, setStoreUrl] = useState(initialUrl);
  const [checked, setChecked] = useState<{ url: string; result: GrantCheck } | undefined>(undefined);
  const check = useAction(api.woocommerce.grantCheck);
  const fields = fieldErrors(check.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const url = storeUrl.trim();
    const result = await check.run(url);
    if (result) setChecked({ url, result });
  };

  return (
    <Stack gap="500">
      <form onSubmit={(event) => void submit(event)} aria-label="Check the key grant" noValidate>
        <Stack gap="300">
          <Heading level={3}>Approve in WooCommerce (key grant)</Heading>
          <Text>
            RateBridge sends you to your store, where WooCommerce asks you to approve read-only access, then
            delivers the keys back here. It needs RateBridge on https with a certificate WordPress trusts, on
            port 80, 443 or 8080 at a public address, and your store with pretty permalinks (Settings →
            Permalinks: anything but “Plain”). Check these before you go: if the grant fails, WooCommerce
            shows its own error page and does not lead you back.
          </Text>
          <ErrorBanner error={check.error} showDetails={false} />
          <TextField
            label="Store address"
            type="url"
            value={storeUrl}
            onChange={(value) => {
              setStoreUrl(value);
              setChecked(undefined);
            }}
            error={fields.storeUrl}
            placeholder="https://shop.example.com"
            helpText="Your WordPress home address, as shoppers type it."
          />
          <div>
            <Button submit loading={check.pending} disabled={storeUrl.trim() === ''}>
              Check what the key grant needs
            </Button>
          </div>
          {checked ? <GrantChecks url={checked.url} result={checked.result} /> : null}
        </Stack>
      </form>
      <PastedKeys storeUrl={storeUrl} onConnected={onConnected} />
    </Stack>
  );
}

function GrantChecks({ url, result }: { url: string; result: GrantCheck }) {
  // A server page outside the admin (it names the store and links on to it): a full page load.
  const connectUrl = `${window.location.origin}/woocommerce/connect?store_url=${encodeURIComponent(url)}`;
  const items = result.checks.map(
    (item) => `${item.ok === true ? 'OK' : item.ok === false ? 'Problem' : 'Not checked'}: ${item.detail}`,
  );
  return (
    <section aria-label="What the key grant needs">
      <Stack gap="300">
        {result.ready ? (
          <Banner tone="success" title="The key grant should work">
            <List items={items} />
          </Banner>
        ) : (
          <Banner tone="warning" title="The key grant will probably fail: paste keys instead">
            <List items={items} />
          </Banner>
        )}
        <div>
          <Button url={connectUrl} primary={result.ready}>
            {result.ready ? 'Continue to your store' : 'Try the key grant anyway'}
          </Button>
        </div>
      </Stack>
    </section>
  );
}

const PASTE_HELP =
  'In WordPress, open WooCommerce → Settings → Advanced → REST API, add a key for an administrator with Read permission (Read/Write lets RateBridge register its product webhooks itself), and paste both values here. Use the store address above.';

function PastedKeys({
  storeUrl,
  onConnected,
}: {
  storeUrl: string;
  onConnected: (store: WooCommerceStore) => void;
}) {
  const { api } = useAdmin();
  const [consumerKey, setConsumerKey] = useState('');
  const [consumerSecret, setConsumerSecret] = useState('');
  const connect = useAction(api.woocommerce.connect);
  const fields = fieldErrors(connect.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const store = await connect.run({ storeUrl: storeUrl.trim(), consumerKey, consumerSecret });
    if (!store) return;
    setConsumerKey('');
    setConsumerSecret('');
    onConnected(store);
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Connect with pasted keys" noValidate>
      <Stack gap="300">
        <Heading level={3}>Or paste REST API keys</Heading>
        <Text>{PASTE_HELP}</Text>
        <ErrorBanner error={connect.error} showDetails={false} />
        <TextField
          label="Consumer key"
          value={consumerKey}
          onChange={setConsumerKey}
          error={fields.consumerKey}
          placeholder="ck_…"
          monospaced
        />
        <TextField
          label="Consumer secret"
          type="password"
          value={consumerSecret}
          onChange={setConsumerSecret}
          error={fields.consumerSecret}
          placeholder="cs_…"
          monospaced
        />
        <div>
          <Button
            submit
            primary
            loading={connect.pending}
            disabled={storeUrl.trim() === '' || consumerKey.trim() === '' || consumerSecret.trim() === ''}
          >
            Connect with these keys
          </Button>
        </div>
      </Stack>
    </form>
  );
}
