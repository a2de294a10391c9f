import { useState, type FormEvent } from 'react';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { Card } from '../ui/Card';
import { Stack } from '../ui/Stack';
import { List } from '../ui/List';
import { Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import type { Host } from './host';

/**
 * Shown whenever the API answers 401. The standalone admin has no passwords: a person asks for a sign-in
 * link by mail (docs/people-and-roles.md); the demo store's printed link and the plugin's "Open
 * RateBridge" sign in too. The answer to the request is the same whether or not the address has an
 * account, so the page says the same either way.
 */
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
      <Stack gap="400">
        <Card title="Get a sign-in link by mail">
          <MailLinkForm />
        </Card>
        <Card title="Or open a sign-in link you already have">
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
      </Stack>
    </Page>
  );
}

function MailLinkForm() {
  const [email, setEmail] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'limited' | 'failed'>('idle');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('sending');
    try {
      const response = await fetch('/admin/sign-in', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: email.trim() }),
      });
      setState(response.status === 202 ? 'sent' : response.status === 429 ? 'limited' : 'failed');
    } catch {
      setState('failed');
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Get a sign-in link" noValidate>
      <Stack gap="300">
        {state === 'sent' ? (
          <Banner tone="success" title="Check your mail">
            If this address belongs to a RateBridge store, a sign-in link is on its way. It works once, for 15
            minutes.
          </Banner>
        ) : null}
        {state === 'limited' ? (
          <Banner tone="warning" title="Too many requests">
            Wait a few minutes, then ask again.
          </Banner>
        ) : null}
        {state === 'failed' ? (
          <Banner tone="critical" title="That did not go through">
            Check the address and try again.
          </Banner>
        ) : null}
        <TextField
          label="Email address"
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
        />
        <div>
          <Button submit primary loading={state === 'sending'} disabled={email.trim() === ''}>
            Mail me a sign-in link
          </Button>
        </div>
      </Stack>
    </form>
  );
}
