/**
 * The sandbox freight platform: RateBridge's own simulated platform, so merchants and tests can go through
 * onboarding and checkout without a MachShip or Big Post account. It is written as an outside platform
 * would be (its own wire format and error codes, not RB_ERR_*), and the sandbox adapter talks to it over
 * HTTP exactly as the real adapters talk to theirs.
 *
 * Express outside core/admin-api is an allowed exception: this is a platform's HTTP API, not RateBridge's.
 *
 * Wire format. Mounted at /sandbox. JSON bodies up to 64 kb. Every error: {"error": {"code", "message"}}.
 *
 * Account endpoints (a platform's web UI; the sandbox has no users, so no auth):
 *   POST /api-tokens {"name", "environment": "live"|"test"}
 *        201 {"token": "sbx_live_…", "apiToken": summary}: the only time the value is shown.
 *        409 name_taken · 422 too_many_tokens
 *   GET  /api-tokens -> {"apiTokens": [summary]}, summary = {name, environment, lastFour, createdAt,
 *        lastUsedAt, revokedAt} (ISO dates or null), never the value.
 *   POST /api-tokens/{name}/revoke -> {"apiToken": summary}; fails from the next call. 404 not_found
 *   PUT  /behaviour {"latencyMs", "failRate", "hang", "status", "retryAfterSeconds"} -> {"behaviour"};
 *        omitted fields are normal (0, 0, false, null, 1). GET /behaviour -> {"behaviour"}.
 *   GET  /stats -> {"since", "calls": {"ping", "quotes", "localities", "warehouses"}, "injectedFailures"}
 *   POST /reset -> {"behaviour", "stats"}: normal behaviour and zeroed stats; tokens are kept.
 *
 * Platform API (what an adapter calls), headers `Authorization: Bearer <token>` and
 * `X-Sandbox-Environment: live|test`:
 *   POST /v1/ping -> {"ok": true, "account": {"name", "environment"}}
 *   POST /v1/quotes {"from": place, "to": place & {"isBusiness"?, "tailLift"?, "handUnload"?,
 *        "authorityToLeave"?}, "items": [{"type", "description"?,
 *        "lengthCm", "widthCm", "heightCm", "weightKg" (of one item), "quantity"}]}, place = {suburb,
 *        postcode, state} -> {"environment", "distanceKm", "options": [{"carrier": {code, name},
 *        "service": {code, name}, "currency": "AUD", "priceExGst", "gst", "total", "transitDays": {min,
 *        max}}]}, prices in decimal dollars; 400 unknown_locality for a place that does not exist.
 *   GET  /v1/localities?q=<text>&limit=<1..50> -> {"localities": [{suburb, postcode, state}]}
 *   GET  /v1/warehouses -> {"warehouses": [{id, name, addressLine1, suburb, postcode, state}]}
 * checked in this order: 400 missing_environment; injected behaviour (latency, hang, `status` ->
 * injected_status, `failRate` -> 500 injected_failure); 401 missing_token or invalid_token (unknown and
 * revoked look the same); 403 wrong_environment with "tokenEnvironment"; 400 validation_failed with
 * "details": [{path, message}]. Wrong content type 415, oversized body 413, unparsable JSON 400 bad_json.
 */
import express, { Router } from 'express';
import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import { mountAccountRoutes } from './account-routes.js';
import { platformCall } from './platform-call.js';
import { mountPlatformRoutes } from './platform-routes.js';
import { BODY_LIMIT, errorHandler, sendError } from './sandbox-replies.js';
import { createSandboxState } from './sandbox-state.js';
import { createTokenRegistry } from './token-registry.js';

export interface SandboxRouterOptions {
  readonly store: Store;
  readonly now?: () => number;
  /** Where unexpected errors (bugs, a failing store) are reported; console.error when absent. */
  readonly logger?: Pick<Logger, 'error'>;
}

/** The sandbox's routes: its account endpoints and its platform API, in files of their own. */
export function createSandboxRouter(options: SandboxRouterOptions): Router {
  const now = options.now ?? Date.now;
  const state = createSandboxState(options.store, now);
  const registry = createTokenRegistry(options.store, now);
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));
  mountAccountRoutes(router, state, registry);
  mountPlatformRoutes(router, platformCall(state, registry));
  router.use((_req, res) =>
    sendError(res, 404, 'route_not_found', 'The sandbox has nothing at this address.'),
  );
  router.use(errorHandler(options.logger));
  return router;
}
