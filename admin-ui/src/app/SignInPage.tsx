import { Page } from '../ui/Page';
import { Card } from '../ui/Card';
import { Stack } from '../ui/Stack';
import { List } from '../ui/List';
import { Text } from '../ui/Text';
import type { Host } from './host';

/** Shown whenever the API answers 401: the standalone admin has no password, only one-time sign-in links. */
export function SignInPage({ host }: { host: Host }) {
  if (host.kind === 'shopify') {
    return (
      <Page title="Open RateBridge from Shopify admin" narrow>
        <Card>
          <Text>
            Your Shopify session could not be confirmed. Open RateBridge again from Apps in your Shopify
            admin.
          </Text>
        </Card>
      </Page>
    );
  }
  return (
    <Page title="Sign in to RateBridge" narrow>
      <Card title="Open your sign-in link">
        <Stack gap="300">
          <Text>
            Open the sign-in link printed by npm start (or the &lsquo;Open RateBridge&rsquo; link in your
            WooCommerce plugin).
          </Text>
          <List
            items={[
              'Running RateBridge yourself: npm start prints “RateBridge admin (demo store): <link>”. Restart it for a new link.',
              'WooCommerce: in WordPress, go to WooCommerce → Settings → Shipping → RateBridge and choose “Open RateBridge”.',
              'Each link works once, for 15 minutes, and signs you in for 12 hours.',
            ]}
          />
        </Stack>
      </Card>
    </Page>
  );
}
