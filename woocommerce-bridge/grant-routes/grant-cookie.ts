/** The cookie that binds a key grant to the browser that started it (its value: the grant's nonce). */
import { stringifySetCookie } from 'cookie';
import type { Response } from 'express';
import type { Core } from '../../core/index.js';
import { GRANT_COOKIE } from '../key-grant.js';

export const secureCookies = (config: Core['config']) => config.publicUrl.startsWith('https:');

export function setGrantCookie(config: Core['config'], response: Response, value: string, maxAgeMs: number) {
  response.setHeader(
    'Set-Cookie',
    stringifySetCookie({
      name: GRANT_COOKIE,
      value,
      httpOnly: true,
      secure: secureCookies(config),
      // Lax: the cookie must come back on the top-level navigation from the store to return_url.
      sameSite: 'lax',
      path: '/woocommerce',
      maxAge: maxAgeMs / 1000,
    }),
  );
}
