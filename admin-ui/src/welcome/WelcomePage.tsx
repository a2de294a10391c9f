/**
 * The front door (GET / asked for as HTML): what RateBridge is and where to go next — the admin, the
 * sandbox, health, the documentation. Inside Shopify admin the root URL is the embedded app instead.
 */
import { useResource } from '../api/use-resource';
import { Badge } from '../ui/Badge';
import { Button, ButtonGroup } from '../ui/Button';
import { Card } from '../ui/Card';
import { List } from '../ui/List';
import { Page } from '../ui/Page';
import { Stack } from '../ui/Stack';
import { Code, Text } from '../ui/Text';
import { readServerFacts, type ServerFacts } from './server-facts';

const DOCS: readonly (readonly [file: string, about: string])[] = [
  ['README.md', 'start here: running RateBridge, configuration, the first run'],
  ['docs/admin-api.md', 'the admin API and every RB_ERR_* error code with its fix'],
  ['docs/deploy.md', 'running it in production (Redis, keys, TLS)'],
  ['docs/platforms/', 'what RateBridge relies on from MachShip and Big Post'],
  ['docs/packaging-csv.md', 'the packaging CSV format'],
];

export function WelcomePage() {
  const facts = useResource((signal) => readServerFacts(signal), []);
  return (
    <Page title="RateBridge" subtitle="Live freight quotes at your Shopify or WooCommerce checkout" narrow>
      <Stack gap="400">
        <Card title="What RateBridge is">
          <Text>
            RateBridge asks your freight platforms (MachShip, Big Post, …) for live rates while a shopper
            checks out. It packs the cart into cartons and pallets, quotes each warehouse, applies your rules
            and answers in time, with a fallback rate whenever a platform is slow.
          </Text>
        </Card>
        <Card title="Sign in to the admin">
          <Stack gap="300">
            <Text>
              The admin is where you connect a freight platform, set pickup locations and packaging, and see
              every quote. Sign in with a one-time link: npm start prints one for the demo store, and the
              WooCommerce plugin’s “Open RateBridge” link makes one for your shop. In Shopify, open RateBridge
              from your Shopify admin.
            </Text>
            <div>
              <Button url="/admin/" primary>
                Open the admin
              </Button>
            </div>
          </Stack>
        </Card>
        <SandboxCard facts={facts.data} />
        <HealthCard facts={facts.data} />
        <Card title="Documentation">
          <Stack gap="200">
            <Text>In the RateBridge repository:</Text>
            <List
              items={DOCS.map(([file, about]) => (
                <>
                  <Code>{file}</Code> — {about}
                </>
              ))}
            />
          </Stack>
        </Card>
      </Stack>
    </Page>
  );
}

function SandboxCard({ facts }: { facts: ServerFacts | undefined }) {
  return (
    <Card title="Try it with the sandbox">
      <Stack gap="300">
        <Text>
          The sandbox is a freight platform simulated by this server: create an API token there, paste it into
          the admin’s first step, and see test rates without a MachShip or Big Post account. Its switches make
          it slow, hang or fail, so you can watch the fallbacks work.
        </Text>
        {facts?.sandbox === false ? (
          <Text tone="subdued">The sandbox is turned off on this server (SANDBOX_ENABLED).</Text>
        ) : (
          <div>
            <Button url="/sandbox">Open the sandbox</Button>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function HealthCard({ facts }: { facts: ServerFacts | undefined }) {
  const readiness = facts?.readiness;
  return (
    <Card title="Health">
      <Stack gap="300">
        <div role="status" aria-live="polite">
          {readiness === undefined ? (
            <Text tone="subdued">Checking…</Text>
          ) : readiness.kind === 'ready' ? (
            <Badge tone="success">{`Ready (store: ${readiness.store})`}</Badge>
          ) : (
            <Stack gap="100">
              <Badge tone="critical">Not ready</Badge>
              <Text>{readiness.message}</Text>
            </Stack>
          )}
        </div>
        <Text>Probes for a load balancer or monitor: liveness and readiness, as JSON.</Text>
        <ButtonGroup>
          <Button url="/healthz">/healthz</Button>
          <Button url="/readyz">/readyz</Button>
        </ButtonGroup>
      </Stack>
    </Card>
  );
}
