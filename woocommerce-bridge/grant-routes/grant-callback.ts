/** POST /auth-callback: WooCommerce delivers the keys (JSON); answered 200 at once, checked afterwards. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseWith, rbError, rememberSecret } from '../../core/index.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';

/** WooCommerce's keys: `ck_`/`cs_` and a hash. Extra fields are ignored (newer WooCommerce versions). */
const grantCallbackBody = z.object({
  key_id: z.union([z.number().int(), z.string().regex(/^\d{1,20}$/)]).transform(Number),
  user_id: z.union([z.string(), z.number()]).transform(String),
  consumer_key: z.string().regex(/^ck_[A-Za-z0-9_-]{8,128}$/, 'is not a WooCommerce consumer key'),
  consumer_secret: z.string().regex(/^cs_[A-Za-z0-9_-]{8,128}$/, 'is not a WooCommerce consumer secret'),
  key_permissions: z.string().max(32),
});

export function grantCallback(bridge: WooCommerceBridge) {
  return async (request: Request, response: Response): Promise<void> => {
    const body = parseWith(grantCallbackBody, request.body);
    rememberSecret(body.consumer_key);
    rememberSecret(body.consumer_secret);
    const claims = bridge.grant.open(body.user_id);
    if (!claims) {
      throw rbError('RB_ERR_GRANT_EXPIRED');
    }
    if (!(await bridge.grant.useOnce(claims.nonce, 'callback'))) throw rbError('RB_ERR_SIGNATURE_REPLAYED');
    const { tenant, address } = claims;
    const pending = await bridge.setup.receiveGrantedKeys(tenant, address, {
      consumerKey: body.consumer_key,
      consumerSecret: body.consumer_secret,
      wcKeyId: body.key_id,
      permissions: body.key_permissions,
    });
    await bridge.grant.setProgress(claims.nonce, { stage: 'verifying' });
    // A token event like pasting keys (which its route records): who started the grant, in the admin.
    await bridge.core.people.activity.record(tenant, {
      at: new Date().toISOString(),
      action: 'woocommerce_keys_granted',
      actor: claims.by?.actor ?? 'merchant',
      ...(claims.by?.email === undefined ? {} : { actorEmail: claims.by.email }),
      frontEnd: 'standalone',
    });
    // WooCommerce waits for this answer before it sends the merchant on: answer first, check after.
    response.status(200).json({});
    void bridge.tasks.run('woocommerce-grant-check', async (signal) => {
      const outcome = await bridge.setup.verifyPending(tenant, pending, signal);
      await bridge.grant.setProgress(
        claims.nonce,
        outcome.ok ? { stage: 'connected' } : { stage: 'failed', detail: outcome.detail },
      );
    });
  };
}
