/**
 * A paced load: one request every 1/rate seconds, each on its own schedule, over keep-alive sockets.
 * autocannon's `overallRate` is not that: each of its connections fires its share of the second back to
 * back when the second starts, so "1,000 req/s" arrives as a burst of 1,000 queued 20 deep, and its p99
 * is the queue's. A shop's checkouts arrive one at a time. Each latency is counted from the moment the
 * request was due, not from when it went out, so a generator or server that falls behind shows in the
 * figures (no coordinated omission).
 */
import http from 'node:http';

export interface PacedRequest {
  readonly method: 'POST';
  readonly path: string;
  /** A fresh body and headers for each request (signatures are per request). */
  next(): { readonly body: string; readonly headers: Record<string, string> };
}

export interface PacedResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly errors: number;
  /** Each kind of error (an HTTP status, or the socket error's code) and how often it came. */
  readonly errorKinds: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const TIMEOUT_MS = 10_000;

export async function pacedLoad(
  url: string,
  options: { readonly rate: number; readonly seconds: number; readonly request: PacedRequest },
): Promise<PacedResult> {
  const target = new URL(url);
  // Idle sockets are closed before the server's keep-alive timeout (5 s) can close them under a request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  const failed = (kind: string) => void (errorKinds[kind] = (errorKinds[kind] ?? 0) + 1);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let sent = 0; sent < total;) {
    const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
    for (; sent < due; sent++) {
      const dueAt = started + sent * interval;
      inFlight.push(
        send(agent, target, options.request).then(
          (status) => {
            if (status >= 200 && status < 300) latencies.push(performance.now() - dueAt);
            else failed(`HTTP ${status}`);
          },
          (error: NodeJS.ErrnoException) => failed(error.code ?? error.message),
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: total,
    perSecond: total / elapsed,
    errors: Object.values(errorKinds).reduce((sum, count) => sum + count, 0),
    errorKinds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
  };
}

/** One request; its status once the answer is read to its end. */
function send(agent: http.Agent, target: URL, request: PacedRequest): Promise<number> {
  const { body, headers } = request.next();
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
