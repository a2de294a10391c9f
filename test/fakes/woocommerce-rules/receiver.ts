/**
 * What the fake store calls in these tests: a server on 127.0.0.1 (http, or https with a certificate a CA
 * made for the run signed) that records each request and answers with the status it is told.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeLocalCa } from '../../wordpress/local-ca.js';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface Receiver {
  readonly url: string;
  readonly port: number;
  /** The CA that signed the https certificate. */
  readonly ca: string | undefined;
  readonly received: Received[];
  /** The status every request gets from now on (default 200). */
  status: number;
  close(): Promise<void>;
}

export async function startReceiver(protocol: 'http' | 'https' = 'http'): Promise<Receiver> {
  const received: Received[] = [];
  const tls = protocol === 'https' ? await makeLocalCa() : undefined;
  const state = { status: 200 };
  const handler: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(state.status, { 'content-type': 'application/json' }).end('{}');
    });
  };
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    ca: tls?.ca,
    received,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
