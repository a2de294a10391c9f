/**
 * TRUST_PROXY over real sockets: the sign-in limit is per client address (10 per ten minutes). Behind a
 * named proxy (here: loopback, where the test's requests come from), X-Forwarded-For tells clients apart:
 * one client's limit leaves another's alone. Without TRUST_PROXY the header is ignored: a client cannot
 * escape its limit by writing another address into it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';

const CLIENT_LIMIT = 10;
const mark = randomBytes(3).toString('hex');

/** `count` sign-in requests claiming to come from `forwardedFor`, each for another address; their statuses. */
async function askSignIn(app: AppHarness, forwardedFor: string, count: number): Promise<number[]> {
  const origin = new URL(app.config.publicUrl).origin;
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await fetch(`${app.url}/admin/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': forwardedFor },
      // A new address each time: the per-address limit (5) is not what this test is about.
      body: JSON.stringify({ email: `p${i}-${randomBytes(3).toString('hex')}-${mark}@example.com` }),
    });
    await answer.arrayBuffer();
    statuses.push(answer.status);
  }
  return statuses;
}

describe('TRUST_PROXY and the client address', () => {
  let behindProxy: AppHarness;
  let direct: AppHarness;

  beforeAll(async () => {
    behindProxy = await startAppHarness({ env: { TRUST_PROXY: 'loopback' } });
    direct = await startAppHarness();
  }, 60_000);
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
  });

  it('tells clients apart by X-Forwarded-For when the proxy is trusted', async () => {
    const first = await askSignIn(behindProxy, '203.0.113.7', CLIENT_LIMIT + 1);
    expect(first.slice(0, CLIENT_LIMIT)).toEqual(Array<number>(CLIENT_LIMIT).fill(202));
    expect(first.at(-1)).toBe(429);
    expect(await askSignIn(behindProxy, '203.0.113.8', 1)).toEqual([202]);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a new address in it is no way past the limit', async () => {
    const first = await askSignIn(direct, '203.0.113.7', CLIENT_LIMIT + 1);
    expect(first.at(-1)).toBe(429);
    expect(await askSignIn(direct, '203.0.113.8', 1)).toEqual([429]);
  });
});
