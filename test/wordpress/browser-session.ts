/**
 * What a browser keeps between requests to a WordPress site, without a browser: cookies (WordPress's login
 * and WooCommerce's session cookies) and redirects left to the caller, so each step can be asserted.
 */

export interface PageResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Wall-clock milliseconds from sending to the last byte. */
  readonly ms: number;
}

export class BrowserSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(
    pathOrUrl: string,
    init: { method?: string; headers?: Record<string, string>; body?: string | URLSearchParams } = {},
  ): Promise<PageResponse> {
    const started = performance.now();
    const response = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    for (const line of response.headers.getSetCookie()) this.keep(line);
    return { status: response.status, headers: response.headers, text, ms };
  }

  /** Posts a form the way a browser does (application/x-www-form-urlencoded). */
  post(path: string, fields: Record<string, string>): Promise<PageResponse> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private keep(setCookie: string): void {
    const [pair = ''] = setCookie.split(';');
    const equals = pair.indexOf('=');
    if (equals <= 0) return;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    const expired = /expires=([^;]+)/i.exec(setCookie);
    if (value === '' || value === 'deleted' || (expired && Date.parse(expired[1] ?? '') < Date.now())) {
      this.cookies.delete(name);
    } else {
      this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The value of `<input name="NAME" value="...">` in a page, or undefined. */
export function inputValue(html: string, name: string): string | undefined {
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    if (new RegExp(`\\bname="${escapeRegExp(name)}"`).test(tag)) {
      const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
      return value === undefined ? '' : decodeEntities(value);
    }
  }
  return undefined;
}

export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', nbsp: ' ', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X'))
      return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return named[code.toLowerCase()] ?? entity;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
