/**
 * GET /one-click/finish?approval=…: the key grant's return leads here once the store accepted its REST keys.
 * The merchant goes back to the plugin's return page with a single-use code and the plugin's own state;
 * the connector key itself travels only in the answer to the plugin's server-to-server exchange.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseWith, rbError, type Core } from '../../core/index.js';
import { APPROVAL_ID_PATTERN, type Approvals } from './approvals.js';
import type { ExchangeCodes } from './exchange-codes.js';

const finishQuery = z.object({ approval: z.string().regex(APPROVAL_ID_PATTERN, 'is not an approval') });

export function finishConnect(core: Core, approvals: Approvals, codes: ExchangeCodes) {
  return async (request: Request, response: Response): Promise<void> => {
    const { approval: id } = parseWith(finishQuery, request.query);
    const session = await core.sessions.currentSession(request.headers, 'owner');
    const approval = await approvals.forTenant(id, session?.tenant);
    if (!(await approvals.useOnce(id, 'finish'))) throw rbError('RB_ERR_ONE_CLICK_APPROVAL_INVALID');
    // The owner who approved is the key's maker, for its list and the store's trail (exchange-code.ts).
    const approvedBy = {
      actor: session?.actor ?? 'merchant',
      ...(session?.email ? { email: session.email } : {}),
    };
    const code = await codes.issue(approval.tenant, approval.address.url, approval.challenge, approvedBy);
    await approvals.forget(id);
    const back = new URL(approval.returnUrl);
    back.searchParams.set('ratebridge_code', code);
    back.searchParams.set('state', approval.pluginState);
    response.setHeader('Cache-Control', 'no-store');
    // The code must not reach the store's pages' third parties through the Referer header.
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.redirect(303, back.href);
  };
}
