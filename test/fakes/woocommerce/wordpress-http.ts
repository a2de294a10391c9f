/**
 * WordPress's safe HTTP, as WooCommerce's key grant (`wp_safe_remote_post`) and webhook deliveries
 * (`wp_safe_remote_request`) use it: the URL must pass `wp_http_validate_url()` (wp-includes/http.php,
 * WordPress 6.8.8), and TLS is verified against WordPress's own CA bundle, never the system's. Failures come
 * back as the WP_Error messages WordPress gives, which WooCommerce shows on its error page.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { FakeHttpResponse, FetchInit } from './types.js';

/** What WordPress knows when it checks a URL: its home URL and the safe-ports filter. */
export interface SafeHttpContext {
  readonly homeUrl: string;
  readonly safePorts: readonly number[];
  /** wp-includes/certificates/ca-bundle.crt. */
  readonly trustedCa: readonly string[];
  readonly timeoutMs: number;
}

export type SafeResult =
  { readonly ok: true; readonly response: FakeHttpResponse } | { readonly ok: false; readonly error: string };

/** WP_Http::request's message when `wp_http_validate_url()` refuses the URL. */
export const INVALID_URL_MESSAGE = 'A valid URL was not provided.';

const DEFAULT_SAFE_PORTS = [80, 443, 8080];

/** `wp_http_validate_url()`: true when WordPress would send a safe request to `target`. */
export async function isSafeUrl(target: string, context: SafeHttpContext): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || !url.hostname) return false;
  // strpbrk( $host, ':#?[]' ): an IPv6 literal is never a safe host.
  if (/[:#?[\]]/.test(url.hostname)) return false;
  const home = new URL(context.homeUrl);
  const sameHost = home.hostname.toLowerCase() === url.hostname.toLowerCase();
  if (!sameHost && !(await isExternalHost(url.hostname))) return false;
  if (!url.port) return true;
  const port = Number(url.port);
  if ([...DEFAULT_SAFE_PORTS, ...context.safePorts].includes(port)) return true;
  // The home URL's own port is allowed for the home host.
  return sameHost && home.port !== '' && Number(home.port) === port;
}

/** The IPv4 ranges wp_http_validate_url() treats as not external (loopback, private, reserved, …). */
async function isExternalHost(host: string): Promise<boolean> {
  let ip = host;
  if (isIP(host) === 0) {
    // gethostbyname(): IPv4 only; a name that does not resolve is refused.
    try {
      ip = (await lookup(host, { family: 4 })).address;
    } catch {
      return false;
    }
  }
  const [a = 0, b = 0, c = 0] = ip.split('.').map(Number);
  const internal =
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 192 && b === 88 && c === 99) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224;
  return !internal;
}

/** A `wp_safe_remote_*` request: refused URLs and TLS failures come back as WordPress's messages. */
export async function safeRequest(
  target: string,
  init: FetchInit,
  context: SafeHttpContext,
): Promise<SafeResult> {
  if (!(await isSafeUrl(target, context))) return { ok: false, error: INVALID_URL_MESSAGE };
  try {
    return { ok: true, response: await rawRequest(target, init, context.trustedCa, context.timeoutMs) };
  } catch (error) {
    return { ok: false, error: curlMessage(error) };
  }
}

/** The cURL error text WordPress's Requests transport reports for a Node socket error. */
function curlMessage(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return 'cURL error 60: SSL certificate problem: unable to get local issuer certificate';
  }
  if (code === 'ECONNREFUSED') return 'cURL error 7: Failed to connect: Connection refused';
  if (code === 'ETIMEDOUT') return 'cURL error 28: Operation timed out';
  return `cURL error 56: ${String((error as Error).message ?? error)}`;
}

/** One HTTP request; never follows redirects. `ca` is what https is verified against. */
export function rawRequest(
  target: string,
  init: FetchInit,
  ca: readonly string[] | undefined,
  timeoutMs = 30_000,
): Promise<FakeHttpResponse> {
  const parsed = new URL(target);
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      parsed,
      {
        method: init.method ?? 'GET',
        timeout: timeoutMs,
        headers: {
          ...init.headers,
          ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) }),
        },
        ...(parsed.protocol === 'https:' && ca ? { ca: [...ca] } : {}),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

/** The CA list for `trustedCa`: the given certificates, or Node's public roots. */
export function caBundle(trustedCa: string | readonly string[] | undefined): readonly string[] {
  if (trustedCa === undefined) return rootCertificates;
  return typeof trustedCa === 'string' ? [trustedCa] : trustedCa;
}
