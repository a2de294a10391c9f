/**
 * A plain GET of a store URL outside the REST client (its index, a probe signed differently), on the
 * guarded agents: bounded in time and in size, redirects not followed, and any failure an answer with
 * status 0, since every caller treats "no answer" as one outcome.
 */
import http from 'node:http';
import https from 'node:https';
import type { StoreAgents } from '../store-agents.js';

export interface BoundedAnswer {
  /** 0 when nothing answered (refused, unreachable, timed out, not allowed). */
  readonly status: number;
  readonly text: string;
  readonly location?: string;
}

const NO_ANSWER: BoundedAnswer = { status: 0, text: '' };

export function readBounded(
  agents: StoreAgents,
  target: URL,
  limits: { readonly signal: AbortSignal; readonly maxBytes: number },
): Promise<BoundedAnswer> {
  if (!agents.allowsHost(target.hostname)) return Promise.resolve(NO_ANSWER);
  const secure = target.protocol === 'https:';
  return new Promise((resolve) => {
    const request = (secure ? https : http).request(target, {
      agent: secure ? agents.httpsAgent : agents.httpAgent,
      signal: limits.signal,
      headers: { accept: 'application/json' },
    });
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limits.maxBytes) chunks.push(chunk);
      });
      response.once('end', () => {
        const { location } = response.headers;
        resolve({
          status: response.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          ...(location ? { location } : {}),
        });
      });
      response.once('error', () => resolve(NO_ANSWER));
    });
    request.once('error', () => resolve(NO_ANSWER));
    request.end();
  });
}
