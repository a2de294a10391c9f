/**
 * POST /one-click/approve (a same-origin form): the merchant approved once. RateBridge starts WooCommerce's
 * own key grant for the store, whose return page then leads to /one-click/finish instead of the admin.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseWith, rbError, type Core } from '../../core/index.js';
import { secureCookies, setGrantCookie } from '../grant-routes/grant-cookie.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import { APPROVAL_ID_PATTERN, type Approvals } from './approvals.js';

const approveBody = z.object({ approval: z.string().regex(APPROVAL_ID_PATTERN, 'is not an approval') });

export function approveConnect(core: Core, bridge: WooCommerceBridge, approvals: Approvals) {
  return async (request: Request, response: Response): Promise<void> => {
    if (!core.sessions.sameOrigin(request.headers)) throw rbError('RB_ERR_CROSS_SITE');
    const { approval: id } = parseWith(approveBody, request.body);
    const session = await core.sessions.currentSession(request.headers, 'owner');
    const approval = await approvals.forTenant(id, session?.tenant);
    if (core.config.env === 'production' && !secureCookies(core.config)) throw rbError('RB_ERR_INTERNAL');
    if (!(await approvals.useOnce(id, 'approve'))) throw rbError('RB_ERR_ONE_CLICK_APPROVAL_INVALID');
    const finish = `/woocommerce/one-click/finish?approval=${encodeURIComponent(id)}`;
    const by = { actor: session?.actor ?? 'merchant', ...(session?.email ? { email: session.email } : {}) };
    const { nonce, authorizeUrl } = bridge.grant.begin(approval.tenant, approval.address, finish, by);
    setGrantCookie(core.config, response, nonce, bridge.grant.ttlMs);
    response.setHeader('Cache-Control', 'no-store');
    // The store address was checked when the approval was made, and the merchant just confirmed it.
    response.redirect(303, authorizeUrl);
  };
}
