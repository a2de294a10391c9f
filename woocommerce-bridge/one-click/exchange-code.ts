/**
 * POST /one-click/exchange: the plugin's server, not the browser, trades the code (with its verifier and
 * its store) for a new connector key. The key's secret appears in this answer only, as a created key's
 * secret does in the admin's.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseWith, rememberSecret, type Core } from '../../core/index.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import { CODE_PATTERN, type ExchangeCodes } from './exchange-codes.js';

const exchangeBody = z.strictObject({
  code: z.string().regex(CODE_PATTERN, 'is not a RateBridge connection code'),
  // RFC 7636's verifier alphabet and length.
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'is not a code verifier'),
  store_url: z.string().max(2048, 'is too long'),
});

export function exchangeCode(core: Core, bridge: WooCommerceBridge, codes: ExchangeCodes) {
  return async (request: Request, response: Response): Promise<void> => {
    const raw = request.body as { code?: unknown; code_verifier?: unknown } | undefined;
    for (const value of [raw?.code, raw?.code_verifier]) if (typeof value === 'string') rememberSecret(value);
    const body = parseWith(exchangeBody, request.body);
    const grant = await codes.redeem(body.code, body.code_verifier, body.store_url);
    const name = `One-click ${new URL(grant.storeUrl).host}`.slice(0, 40);
    const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const created = await bridge.keys.create(grant.tenant, `${name} ${stamp}`, grant.approvedBy);
    // Made by the plugin on the approval of a signed-in owner of the store: theirs, in the store's trail.
    await core.people.activity.record(grant.tenant, {
      at: new Date().toISOString(),
      action: 'one_click_key_created',
      actor: grant.approvedBy.actor,
      ...(grant.approvedBy.email === undefined ? {} : { actorEmail: grant.approvedBy.email }),
      frontEnd: 'woocommerce',
      subject: created.key.id,
    });
    response.setHeader('Cache-Control', 'no-store');
    response.status(200).json({
      bridge_url: core.config.publicUrl,
      key_id: created.key.id,
      key_secret: created.secret,
    });
  };
}
