/** Starts a sandbox on a free port, by default over a fresh embedded store, with helpers to call it. */
import type { PlatformEnvironment } from '../../../../core/platforms/freight-platform.js';
import type { SandboxRouterOptions } from '../../../../core/platforms/sandbox/sandbox-router.js';
import { startSandboxServer } from '../../../../core/platforms/sandbox/sandbox-server.js';
import { openEmbeddedStore } from '../../../../core/storage/embedded-store.js';
import type { Store } from '../../../../core/storage/store.js';
import { tempDir } from '../../../support/temp-dir.js';

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** With a `store`, the caller owns it; without, a temporary embedded store is made and removed on close. */
export async function startTestSandbox(
  options: { store?: Store; logger?: SandboxRouterOptions['logger'] } = {},
) {
  const temp = options.store ? undefined : await tempDir('sandbox');
  const store = options.store ?? (await openEmbeddedStore({ dataDir: temp!.dir }));
  const server = await startSandboxServer({ store, logger: options.logger });
  const close = async () => {
    await server.close();
    if (temp) {
      await store.close();
      await temp.remove();
    }
  };

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<CallResult> {
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  async function createToken(name: string, environment: PlatformEnvironment = 'test'): Promise<string> {
    const created = await call('POST', '/api-tokens', { body: { name, environment } });
    if (created.status !== 201) throw new Error(`token creation failed: ${created.status} ${created.text}`);
    return (created.json as { token: string }).token;
  }

  /** Calls the platform API as an adapter would. */
  const platform = (
    method: string,
    path: string,
    token: string,
    environment: PlatformEnvironment,
    body?: unknown,
  ): Promise<CallResult> =>
    call(method, path, {
      body,
      headers: { authorization: `Bearer ${token}`, 'x-sandbox-environment': environment },
    });

  const setBehaviour = async (behaviour: Record<string, unknown>) => {
    const result = await call('PUT', '/behaviour', { body: behaviour });
    if (result.status !== 200) throw new Error(`behaviour not set: ${result.text}`);
  };

  return { url: server.url, store, close, call, platform, createToken, setBehaviour };
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

export const SYDNEY = { suburb: 'Sydney', postcode: '2000', state: 'NSW' } as const;
export const MELBOURNE = { suburb: 'Melbourne', postcode: '3000', state: 'VIC' } as const;
export const PERTH = { suburb: 'Perth', postcode: '6000', state: 'WA' } as const;
