/**
 * Browser tests drive Debian's Chromium (playwright-core, no downloaded browsers) against the real built
 * server, `node dist/server.js`, over real HTTP: the same process a merchant starts with `npm start`, with
 * the sandbox platform mounted at /sandbox and the demo store's one-time sign-in link printed on stdout.
 *
 * (embedded-shopify.test.ts instead runs server.ts in process through test/support/app-harness.ts, beside a
 * fake Shopify, and only shares the helpers below.)
 *
 * Without /usr/bin/chromium the suites are skipped with a printed reason, except under CI, where that is a
 * failure. Without a build, or when /admin is not served, they fail at once with what to do, never hang.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort } from '../support/listen.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'browser');
const START_TIMEOUT_MS = 30_000;
const DEMO_LINK = /RateBridge admin \(demo store\): (\S+)/;
const DROPPED_ENV = new Set([
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_CLUSTER_NODES',
  'PUBLIC_URL',
  'SANDBOX_URL',
  'HOST',
]);

const inCi = () => Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * Why the browser suites cannot run here, or undefined when they can. Under CI a missing browser throws:
 * a skipped browser suite there would hide a broken admin.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install chromium)`;
  if (inCi()) throw new Error(`${reason}; CI must run them`);
  console.warn(reason);
  return reason;
}

/** `extraArgs`: more Chromium switches for one suite (e.g. `--ip-address-space-overrides`). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

export interface RunningRateBridge {
  /** http://localhost:<port> (PUBLIC_URL's default: the session's Origin check expects it). */
  readonly url: string;
  /** The demo store's one-time sign-in link, as printed on stdout. */
  readonly demoLink: string;
  /** Everything the server wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/server.js` on a free port with a fresh DATA_DIR; resolves once it printed the demo link.
 * `extraEnv` adds configuration (e.g. WOOCOMMERCE_ALLOW_LOCAL_STORES for a fake store on this machine).
 * RB_BROWSER_SERVER_ENTRY runs another entry instead (a .ts one through tsx), e.g. `server.ts` while
 * developing the UI without rebuilding the server.
 */
export async function startRateBridge(extraEnv: Record<string, string> = {}): Promise<RunningRateBridge> {
  const entry = path.resolve(ROOT, process.env.RB_BROWSER_SERVER_ENTRY ?? path.join('dist', 'server.js'));
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const args = /\.m?ts$/.test(entry) ? ['--import', 'tsx', entry] : [entry];
  assertAdminUiBuilt();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ratebridge-browser-'));
  // Hermetic: the embedded store in a temp dir, the defaults for everything else.
  const inherited = Object.entries(process.env).filter(([name]) => !DROPPED_ENV.has(name));
  const env: NodeJS.ProcessEnv = Object.fromEntries(inherited);
  Object.assign(env, {
    NODE_ENV: 'development',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SANDBOX_ENABLED: 'true',
    DEMO_STORE_ENABLED: 'true',
    ...extraEnv,
  });
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const demoLink = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no "RateBridge admin (demo store)" line within ${START_TIMEOUT_MS} ms:\n${output}`),
          ),
        START_TIMEOUT_MS,
      );
      const check = () => {
        const match = DEMO_LINK.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', check);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${path.relative(ROOT, entry)} exited with ${code} before printing the demo link:\n${output}`,
          ),
        );
      });
    });
    const url = new URL(demoLink).origin;
    await assertAdminServed(url);
    return { url, demoLink, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Fails at once, with the fix, when the admin UI has not been built (admin-ui/dist). */
export function assertAdminUiBuilt(): void {
  if (!existsSync(path.join(ROOT, 'admin-ui', 'dist', 'index.html'))) {
    throw new Error(
      'admin-ui/dist/index.html is missing: run node admin-ui/build.mjs (part of npm run build)',
    );
  }
}

/** Fails fast, with the fix, when the server does not serve the admin UI at /admin/. */
async function assertAdminServed(url: string): Promise<void> {
  const response = await fetch(`${url}/admin/`, { signal: AbortSignal.timeout(5000) });
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 200 && type.startsWith('text/html')) return;
  const body = (await response.text()).slice(0, 300);
  throw new Error(
    `GET /admin/ answered ${response.status} ${type} (${body}). The admin UI is not served: server.ts must mount ` +
      "adminUiRouter({ distDir: adminUiDistDir() }) at '/admin' after the session routes and /admin/api " +
      '(admin-ui/README.md).',
  );
}

/** The merchant's "create an API token" step in the sandbox platform; returns the token, shown once. */
export async function createSandboxToken(
  url: string,
  name: string,
  environment: 'live' | 'test' = 'test',
): Promise<string> {
  const response = await fetch(`${url}/sandbox/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, environment }),
  });
  if (response.status !== 201)
    throw new Error(`sandbox token: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function revokeSandboxToken(url: string, name: string): Promise<void> {
  const response = await fetch(`${url}/sandbox/api-tokens/${encodeURIComponent(name)}/revoke`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`sandbox revoke: HTTP ${response.status}`);
}

/** Screenshots of each step, numbered in order, under test-artifacts/browser/<suite>/ (gitignored). */
export async function screenshots(suite: string): Promise<(page: Page, name: string) => Promise<void>> {
  const dir = path.join(ARTIFACTS, suite);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let index = 0;
  return async (page, name) => {
    index += 1;
    await page.screenshot({
      path: path.join(dir, `${String(index).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };
}

/**
 * Collects what must never happen on a page: uncaught errors, console errors and CSP violations (an inline
 * script or eval that the server's policy blocks would break the admin in production).
 */
export function watchForProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Expected: the API answers 4xx for the error states the tests provoke; the browser logs each one.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console error: ${text}`);
  });
  return () => problems;
}

/**
 * `expect.poll` with a timeout fit for a real browser on a busy machine (vitest's default is 1 s): every
 * assertion on what the page shows after an action goes through this, never a one-shot read.
 */
export function eventually<T>(read: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/** Opens a one-time sign-in link and confirms it, as a merchant does; resolves on the admin. */
export async function signIn(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: /^Sign in to / }).click();
  await page.waitForURL(/\/admin\/?$/);
}
