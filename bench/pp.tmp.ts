import { startChild, SERVICE_NODE_FLAGS } from './children.js';
import { pacedCheckout, type Credentials } from './checkout-requests.js';
import { pacedLoad } from './paced-load.js';
const app = await startChild('app-server', { ...process.env, NODE_ENV: 'production' }, SERVICE_NODE_FLAGS);
const cred = app.ready as unknown as Credentials;
for (const front of ['woo', 'shopify'] as const) {
  await app.ask({ cmd: 'loop' });
  const r = await pacedLoad(String(app.ready.url), { rate: 1000, seconds: 10, request: pacedCheckout(cred, front) });
  console.log(front, JSON.stringify(r), JSON.stringify(await app.ask({ cmd: 'loop' })));
}
await app.ask({ cmd: 'stop' }); process.exit(0);
