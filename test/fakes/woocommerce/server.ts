/**
 * The fake store's HTTP front: reads a request, sends it where WordPress would (routing.ts), and writes the
 * answer. REST requests are authenticated (rest-auth.ts), answered (rest-api.ts) and recorded.
 */
import type http from 'node:http';
import { answerGrant, type GrantContext } from './key-grant.js';
import { authenticate, type AuthContext } from './rest-auth.js';
import { answerRest, visitorReply, type RestCall, type RestContext } from './rest-api.js';
import { restError, type Reply } from './rest-reply.js';
import { destination } from './routing.js';
import type { FakeWooBehaviour, RecordedWooRequest } from './types.js';

export interface ServerContext {
  readonly basePath: string;
  readonly homeUrl: () => string;
  readonly behaviour: FakeWooBehaviour;
  readonly requests: RecordedWooRequest[];
  readonly rest: RestContext;
  readonly grant: GrantContext;
  readonly auth: () => AuthContext;
}

export function requestHandler(ctx: ServerContext): http.RequestListener {
  return (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(ctx, request, Buffer.concat(chunks).toString('utf8'))
        .then(({ status, headers, body }) => {
          response.writeHead(status, headers);
          response.end(body);
        })
        .catch((failure: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(failure));
        });
    });
  };
}

interface Written {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function answer(ctx: ServerContext, request: http.IncomingMessage, body: string): Promise<Written> {
  const url = new URL(request.url ?? '/', 'http://fake');
  if (ctx.behaviour.latencyMs) await new Promise((resolve) => setTimeout(resolve, ctx.behaviour.latencyMs));
  const where = destination(url, ctx.basePath, ctx.behaviour.permalinks);
  const html = (status: number, text: string, headers: Record<string, string> = {}): Written => ({
    status,
    headers: { 'content-type': 'text/html; charset=UTF-8', ...headers },
    body: text,
  });
  if (where.kind === 'rest') {
    const reply = await rest(ctx, request, url, body, where.route, where.wooAuth);
    return {
      status: reply.status,
      headers: { 'content-type': 'application/json; charset=UTF-8', ...reply.headers },
      body: JSON.stringify(reply.body),
    };
  }
  if (where.kind === 'grant') {
    const params = new URLSearchParams([...url.searchParams, ...formBody(request, body)]);
    const reply = await answerGrant(ctx.grant, where.route, params, request.headers.cookie);
    return html(reply.status, reply.body, reply.headers);
  }
  if (where.kind === 'home')
    return html(200, '<!DOCTYPE html><html><body class="home">A store</body></html>');
  return html(404, '<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>');
}

function formBody(request: http.IncomingMessage, body: string): URLSearchParams {
  return request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : new URLSearchParams();
}

async function rest(
  ctx: ServerContext,
  request: http.IncomingMessage,
  url: URL,
  body: string,
  fullRoute: string,
  wooAuth: boolean,
): Promise<Reply> {
  const method = (request.method ?? 'GET').toUpperCase();
  const route = fullRoute.replace(/^\/wc\/v3\//, '').replace(/\/+$/, '');
  const record = (reply: Reply, auth: RecordedWooRequest['auth']) => {
    ctx.requests.push({
      method,
      route,
      auth,
      page: url.searchParams.has('page') ? Number(url.searchParams.get('page')) : undefined,
      perPage: url.searchParams.has('per_page') ? Number(url.searchParams.get('per_page')) : undefined,
      status: reply.status,
    });
    return reply;
  };
  if (fullRoute === '/' && method === 'GET') return record({ status: 200, body: restIndex(ctx) }, 'none');
  if (!fullRoute.startsWith('/wc/v3/')) {
    return record(
      restError(404, 'rest_no_route', 'No route was found matching the URL and request method.'),
      'none',
    );
  }
  const call: RestCall = { method, route, url, body, contentType: request.headers['content-type'] };
  const outcome = wooAuth
    ? authenticate(request, url, formBody(request, body), ctx.auth())
    : ({ kind: 'visitor' } as const);
  if (outcome.kind === 'refused') return record(outcome.reply, 'none');
  if (outcome.kind === 'visitor') return record(visitorReply(call), 'none');
  return record(await answerRest(ctx.rest, call), outcome.via);
}

/** GET /wp-json/: WordPress's REST index (WP_REST_Server::get_index()), open to anyone. */
function restIndex(ctx: ServerContext): Record<string, unknown> {
  const home = ctx.homeUrl();
  return {
    name: 'A store',
    description: '',
    url: home,
    home,
    gmt_offset: '10',
    timezone_string: 'Australia/Sydney',
    namespaces: ['oembed/1.0', 'wc/v3', 'wc/store/v1', 'wp/v2'],
    authentication: [],
    routes: {},
  };
}
