import type { ServerResponse } from 'node:http';

/**
 * A checkout's 200 JSON answer, written in one call. Express's `res.json` is the same bytes by a longer way
 * (its settings looked up, the content type resolved, a freshness check against the request's conditional
 * headers a checkout POST never sends), and checkouts are most of what the service answers. Headers set
 * before (security headers, the request id, Cache-Control) are kept.
 */
export function writeCheckoutAnswer(response: ServerResponse, answer: unknown): void {
  const body = JSON.stringify(answer);
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(body);
}
