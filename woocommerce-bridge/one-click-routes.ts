/**
 * One-click connect from the WordPress plugin, mounted at `/woocommerce` (one-click/ has one step per file):
 *
 *   GET  /one-click?store_url&return_url&state&code_challenge&code_challenge_method=S256
 *        the plugin's "Connect to RateBridge" lands here: signed in, the merchant sees which store asks
 *   POST /one-click/approve     approve once (same-origin form) -> WooCommerce's key grant for the store
 *   GET  /one-click/finish      the grant's return, connected -> the plugin's return_url?ratebridge_code&state
 *   POST /one-click/exchange    the plugin's server: {code, code_verifier, store_url} -> the connector key
 *
 * The connector key's secret is never in a URL and never shown: it is created in the exchange and travels
 * only in its answer. The code in the return URL is a handle, single use, two minutes, bound to the store
 * and to the verifier only the plugin holds. The WooCommerce REST keys come from WooCommerce's own grant
 * (key-grant.ts) in the same trip. Pasting a key by hand stays the fallback.
 */
import express, { Router } from 'express';
import { jsonBody, type Core } from '../core/index.js';
import { createApprovals } from './one-click/approvals.js';
import { approveConnect } from './one-click/approve-connect.js';
import { exchangeCode } from './one-click/exchange-code.js';
import { createExchangeCodes } from './one-click/exchange-codes.js';
import { finishConnect } from './one-click/finish-connect.js';
import { showApproval } from './one-click/show-approval.js';
import type { WooCommerceBridge } from './woocommerce-bridge.js';

export function oneClickRoutes(core: Core, bridge: WooCommerceBridge): Router {
  const approvals = createApprovals(core);
  const codes = createExchangeCodes(core);
  const router = Router();
  router.get('/one-click', showApproval(core, bridge, approvals));
  router.post(
    '/one-click/approve',
    express.urlencoded({ extended: false, limit: '1kb' }),
    approveConnect(core, bridge, approvals),
  );
  router.get('/one-click/finish', finishConnect(core, approvals, codes));
  router.post('/one-click/exchange', jsonBody('4kb'), exchangeCode(core, bridge, codes));
  return router;
}
