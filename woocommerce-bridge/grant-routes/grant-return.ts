/** GET /connected?state=…: the grant's return page waits for the store's verdict, then opens the admin. */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { constantTimeEqual, parseWith, rbError, type Core } from '../../core/index.js';
import { GRANT_COOKIE, type GrantProgress } from '../key-grant.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import { setGrantCookie } from './grant-cookie.js';

const connectedQuery = z.object({
  state: z.string().min(1).max(4096),
  success: z.string().optional(),
  user_id: z.string().optional(),
});

export function grantReturn(core: Core, bridge: WooCommerceBridge) {
  return async (request: Request, response: Response): Promise<void> => {
    const query = parseWith(connectedQuery, request.query);
    const claims = bridge.grant.open(query.state);
    if (!claims) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    const cookie = parseCookie(request.headers.cookie ?? '')[GRANT_COOKIE];
    if (!cookie || !constantTimeEqual(cookie, claims.nonce)) {
      // The approval came back in another browser than the one that started it: spend the return, so the
      // starting browser cannot learn the outcome of an approval someone else made.
      await bridge.grant.useOnce(claims.nonce, 'return');
      throw rbError('RB_ERR_GRANT_OTHER_BROWSER');
    }
    if (query.success === '0') {
      throw rbError('RB_ERR_GRANT_DENIED');
    }
    const progress = await verdict(bridge, claims.nonce, bridge.connectedWaitMs);
    if (progress?.stage === 'connected') {
      if (!(await bridge.grant.useOnce(claims.nonce, 'return'))) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
      setGrantCookie(core.config, response, '', 0);
      response.setHeader('Cache-Control', 'no-store');
      // The merchant started signed in; the admin (or one-click connect's finish) picks their session up.
      response.redirect(303, claims.then ?? '/admin/');
      return;
    }
    if (progress?.stage === 'failed') throw rbError('RB_ERR_STORE_KEY_REJECTED', progress.detail);
    if (progress === undefined) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    throw rbError('RB_ERR_GRANT_PENDING');
  };
}

/** Polls the grant's progress until the store has answered or `waitMs` passed. */
async function verdict(
  bridge: WooCommerceBridge,
  nonce: string,
  waitMs: number,
): Promise<GrantProgress | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const progress = await bridge.grant.progress(nonce);
    const settled = progress === undefined || progress.stage === 'connected' || progress.stage === 'failed';
    if (settled || Date.now() >= until) return progress;
    await sleep(100);
  }
}
