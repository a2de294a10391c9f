/**
 * What every fake freight platform shares: a JSON server on 127.0.0.1 that records each request and can be
 * told to answer a path some other way (a status, a hang, a reset connection). Subclasses answer the rest
 * in their platform's wire format.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned answer for one path: a status and body, a request that never answers, or a reset socket. */
export type FakeBehaviour =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly hang: true }
  | { readonly reset: true };

export interface RecordedRequest {
  readonly method: string;
  /** Path with the query string. */
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  readonly body: unknown;
}

export abstract class FakePlatformServer {
  readonly requests: RecordedRequest[] = [];
  /** When each request arrived (Date.now()), in the order of `requests`: what a platform's limits count. */
  readonly arrivals: number[] = [];
  private readonly overrides = new Map<string, FakeBehaviour>();
  private server: http.Server | undefined;

  /** Answers `path` (no query string; `*` for every path) this way until `clearOverrides`. */
  respondWith(path: string, behaviour: FakeBehaviour): void {
    this.overrides.set(path, behaviour);
  }

  clearOverrides(): void {
    this.overrides.clear();
  }

  async start(): Promise<{ url: string }> {
    const server = http.createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The platform's own answer to a request no override caught. */
  protected abstract answer(request: RecordedRequest, url: URL, res: http.ServerResponse): void;

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrived = Date.now();
    const request = await record(req);
    this.requests.push(request);
    this.arrivals.push(arrived);
    const url = new URL(request.path, 'http://fake');
    const override = this.overrides.get(url.pathname) ?? this.overrides.get('*');
    if (override) return behave(req, res, override);
    this.answer(request, url, res);
  }
}

async function record(req: http.IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: parseBody(text) };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function behave(req: http.IncomingMessage, res: http.ServerResponse, behaviour: FakeBehaviour): void {
  if ('hang' in behaviour) return;
  if ('reset' in behaviour) {
    req.socket.destroy();
    return;
  }
  send(res, behaviour.status, behaviour.body, behaviour.headers);
}

export function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}
