/**
 * The sandbox freight platform's own page (GET /sandbox asked for as HTML), laid out like MachShip's and
 * Big Post's API token pages: create a named token (shown once), the token list, revoke; and, because this
 * platform is a simulator, its behaviour switches. It calls only the sandbox's API, never RateBridge's.
 */
import { useResource } from '../api/use-resource';
import { Page } from '../ui/Page';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { BehaviourForm } from './BehaviourForm';
import { sandboxApi } from './sandbox-api';
import { TokenCreate } from './TokenCreate';
import { TokenList } from './TokenList';

export function SandboxPage() {
  const tokens = useResource((signal) => sandboxApi.listTokens(signal), []);
  const behaviour = useResource((signal) => sandboxApi.readBehaviour(signal), []);
  return (
    <Page
      title="Sandbox freight platform"
      subtitle="A simulated MachShip or Big Post: API tokens for trying RateBridge, and switches to make it misbehave"
      secondaryActions={[{ content: 'Open the RateBridge admin', url: '/admin/' }]}
    >
      <Stack gap="400">
        <Text>
          Create an API token, copy it, and paste it into the RateBridge admin’s first step with the platform
          “Sandbox”. The sandbox quotes real Australian suburbs with made-up carriers and prices.
        </Text>
        <TokenCreate onCreated={() => void tokens.reload()} />
        <TokenList tokens={tokens} />
        <BehaviourForm behaviour={behaviour} />
      </Stack>
    </Page>
  );
}
