/**
 * The sandbox on a port of its own: for tests (port 0 picks a free one) and for running the sandbox apart
 * from RateBridge. In the main server the router is mounted at /sandbox instead.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import express from 'express';
import { createSandboxRouter, type SandboxRouterOptions } from './sandbox-router.js';

export interface SandboxServer {
  /** Base URL of the platform, `/sandbox` included: what `createSandboxPlatform({ baseUrl })` takes. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startSandboxServer(
  options: SandboxRouterOptions & {
    readonly port?: number;
    /** Loopback by default: the sandbox has unauthenticated control endpoints. */
    readonly host?: string;
  },
): Promise<SandboxServer> {
  const { port, host, ...routerOptions } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use('/sandbox', createSandboxRouter(routerOptions));
  const server = createServer(app);
  server.listen(port ?? 0, host ?? '127.0.0.1');
  await once(server, 'listening');
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('the sandbox server is not on a TCP port');
  const urlHost = bound.address.includes(':') ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${urlHost}:${bound.port}/sandbox`,
    async close() {
      const closed = once(server, 'close');
      server.close();
      // Hung calls (behaviour.hang) and idle keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}
