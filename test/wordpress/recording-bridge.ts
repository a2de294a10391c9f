/**
 * The door WordPress knocks on: a proxy in front of the RateBridge under test that forwards every request
 * byte for byte and records it, so the suite can count the plugin's calls and replay the exact body it sent.
 * With `tls` it is RateBridge's https front (what PUBLIC_URL names), as a TLS-terminating proxy is in
 * production; the target can be given once RateBridge listens (its PUBLIC_URL must name the front first).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RecordingBridge {
  readonly url: string;
  /** Where requests go from now on. */
  forwardTo(target: string): void;
  readonly calls: RecordedCall[];
  /** The calls to one path (e.g. "/woocommerce/rates") since the start. */
  callsTo(path: string): RecordedCall[];
  close(): Promise<void>;
}

export async function startRecordingBridge(
  options: { target?: string; tls?: { cert: string; key: string } } = {},
): Promise<RecordingBridge> {
  const calls: RecordedCall[] = [];
  let upstream = new URL(options.target ?? 'http://127.0.0.1:9');
  const handler: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: body.toString('utf8'),
      });
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on('error', () => response.writeHead(502).end());
      forwarded.end(body);
    });
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo(target) {
      upstream = new URL(target);
    },
    calls,
    callsTo: (path) => calls.filter((call) => call.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
