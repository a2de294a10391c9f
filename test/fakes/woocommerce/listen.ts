/** The fake store on a socket of its own: https with the fake's certificate, or plain http. */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { requestHandler } from './server.js';
import type { StoreState } from './store-state.js';
import { FAKE_STORE_CA, FAKE_STORE_KEY } from './tls.js';

export async function listen(store: StoreState): Promise<http.Server> {
  const { state } = store;
  const handler = requestHandler({
    basePath: state.basePath,
    homeUrl: () => state.url,
    behaviour: state.behaviour,
    requests: state.requests,
    rest: {
      products: state.products,
      webhooks: state.webhooks,
      hub: store.hub,
      behaviour: state.behaviour,
      units: () => state.units,
      restProduct: store.productJson,
      restUrl: (route) => `${state.url}/wp-json/wc/v3/${route}`,
    },
    grant: {
      homeUrl: () => state.url,
      permalinks: () => state.behaviour.permalinks,
      sessions: state.sessions,
      issueKey: store.issueKey,
      // maybe_delete_key(): the key row goes.
      deleteKey: (key) => {
        key.revoked = true;
      },
      safeHttp: store.safeHttp,
    },
    auth: () => ({
      keys: state.keys,
      homeUrl: state.url,
      seesHttps: state.behaviour.seesHttps,
      stripAuthorizationHeader: state.behaviour.stripAuthorizationHeader,
      nowSeconds: () => Math.floor(Date.now() / 1000),
    }),
  });
  const server =
    state.protocol === 'https'
      ? https.createServer({ key: FAKE_STORE_KEY, cert: FAKE_STORE_CA }, handler)
      : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `${state.protocol}://127.0.0.1:${(server.address() as AddressInfo).port}${state.basePath}`;
  return server;
}
