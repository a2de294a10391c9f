/** GET /one-click?store_url&return_url&state&code_challenge…: which store asks, for the signed-in merchant. */
import type { Request, Response } from 'express';
import type { Core } from '../../core/index.js';
import { callbackWarning, grantableAddress } from '../grant-routes/start-grant.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import type { Approvals } from './approvals.js';
import { parseConnectRequest } from './connect-request.js';
import { approvalPage, signInFirstPage } from './one-click-pages.js';

export function showApproval(core: Core, bridge: WooCommerceBridge, approvals: Approvals) {
  return async (request: Request, response: Response): Promise<void> => {
    const connect = parseConnectRequest(request.query);
    response.setHeader('Cache-Control', 'no-store');
    // no-referrer (helmet's default) would make the browser send `Origin: null` with the approval form.
    response.setHeader('Referrer-Policy', 'same-origin');
    // Connecting makes a connector key, and a key signs the plugin's "Open RateBridge" in: owners only.
    const tenant = await core.sessions.currentTenant(request.headers, 'owner');
    if (tenant === undefined) {
      response.status(401).type('html').send(signInFirstPage(connect.address.url));
      return;
    }
    await grantableAddress(bridge, tenant, connect.address.url);
    const approval = await approvals.create(tenant, connect);
    const cancel = new URL(connect.returnUrl);
    cancel.searchParams.set('error', 'access_denied');
    cancel.searchParams.set('state', connect.pluginState);
    response
      .status(200)
      .type('html')
      .send(
        approvalPage({
          approvalId: approval.id,
          storeUrl: connect.address.url,
          signedInAs: tenant,
          cancelUrl: cancel.href,
          ...callbackWarning(core.config.publicUrl),
        }),
      );
  };
}
