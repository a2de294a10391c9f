/**
 * `node dist/server.js` as an operator starts it, on real processes: each start-up failure a person can
 * fix is one line on stderr naming the fix and a non-zero exit, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/listen.js';
import { probeRedis, REDIS_TEST_URL, testRedisStore } from './support/redis.js';
import { tempDir } from './support/temp-dir.js';

const redis = await probeRedis();

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = path.join(ROOT, 'dist', 'server.js');

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the server until it exits, or until `readyLine` appears on stdout (then it is left running). */
function runServer(env: Record<string, string>, readyLine?: RegExp) {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Run>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr: stderr.trim() })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    if (!readyLine) return resolve();
    const timer = setTimeout(() => reject(new Error(`not ready: ${stdout}${stderr}`)), 20_000);
    child.stdout.on('data', () => {
      if (readyLine.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, exited, ready };
}

describe('start-up failures', () => {
  const stops: (() => void)[] = [];
  afterAll(() => {
    for (const stop of stops) stop();
  });

  it('is built', () => {
    expect(existsSync(ENTRY), `${ENTRY} is missing: run npm run build`).toBe(true);
  });

  it('says in one line that DATA_DIR is in use by another process, and exits non-zero', async () => {
    const { dir, remove } = await tempDir('locked');
    const first = runServer({ PORT: String(await freePort()), DATA_DIR: dir }, /RateBridge admin/);
    stops.push(() => first.child.kill('SIGKILL'));
    await first.ready;
    const second = await runServer({ PORT: String(await freePort()), DATA_DIR: dir }).exited;
    expect(second.code).not.toBe(0);
    expect(second.stderr.split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(
      /DATA_DIR .* is in use by process \d+\. Stop that process, or give this one its own DATA_DIR/,
    );
    first.child.kill('SIGTERM');
    await first.exited;
    await remove();
  }, 40_000);

  it.skipIf(!redis.ok)(
    'on a shared Redis, refuses in one line to start with keys that cannot open what is stored there',
    async () => {
      const prefix = `rbtest:keys:${randomBytes(4).toString('hex')}:`;
      const shared = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix };
      const keys = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
      const ring = keys('k1');
      const dirs = await Promise.all([tempDir('keys-a'), tempDir('keys-b'), tempDir('keys-c')]);
      const [a, b, c] = dirs.map((d) => d.dir) as [string, string, string];
      const first = runServer(
        { ...shared, PORT: String(await freePort()), DATA_DIR: a, RATEBRIDGE_KEYS: ring },
        /Health: /,
      );
      stops.push(() => first.child.kill('SIGKILL'));
      await first.ready;

      // Another key ring, and no key ring at all (the instance would generate its own in DATA_DIR).
      const wrong = await runServer({
        ...shared,
        PORT: String(await freePort()),
        DATA_DIR: b,
        RATEBRIDGE_KEYS: keys('k1'),
      }).exited;
      const none = await runServer({ ...shared, PORT: String(await freePort()), DATA_DIR: c }).exited;
      for (const run of [wrong, none]) {
        expect(run.code).not.toBe(0);
        expect(run.stderr.split('\n'), run.stderr).toHaveLength(1);
        expect(run.stderr).toMatch(
          /^RateBridge cannot start: the records in Redis \(key prefix rbtest:keys:[0-9a-f]+:\) were sealed with keys .* does not hold\. Set RATEBRIDGE_KEYS to the key ring the other instances use/,
        );
      }
      expect(none.stderr).toContain(`${c}/keys`);

      // The same ring, with a new key in front (a rotation), starts.
      const rotated = runServer(
        {
          ...shared,
          PORT: String(await freePort()),
          DATA_DIR: b,
          RATEBRIDGE_KEYS: `${keys('k2')},${ring}`,
        },
        /Health: /,
      );
      stops.push(() => rotated.child.kill('SIGKILL'));
      await rotated.ready;
      for (const run of [first, rotated]) {
        run.child.kill('SIGTERM');
        expect((await run.exited).code).toBe(0);
      }
      const store = testRedisStore(prefix);
      await store.deleteTenant('_global');
      await store.close();
      for (const dir of dirs) await dir.remove();
    },
    60_000,
  );

  it('says in one line that the port is taken, and exits non-zero', async () => {
    const { dir, remove } = await tempDir('port');
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const run = await runServer({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir }).exited;
    taken.close();
    expect(run.code).not.toBe(0);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(
      `127.0.0.1:${port} is already in use. Stop whatever listens there, or set PORT`,
    );
    await remove();
  }, 30_000);

  it('says in one line which settings are wrong, and exits non-zero', async () => {
    const run = await runServer({ PORT: 'eighty', QUOTE_DEADLINE_MS: '5' }).exited;
    expect(run.code).not.toBe(0);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^RateBridge cannot start; fix its configuration: PORT: .*QUOTE_DEADLINE_MS/);
  }, 30_000);
});
