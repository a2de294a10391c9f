import type { RequestHandler } from 'express';
import { storeKnownDown } from '../storage/guarded-store.js';
import type { Store } from '../storage/store.js';
import { storeUnavailable } from '../storage/store-unavailable.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Admin writes while the store is known to be down get their 503 before anything runs: no platform call,
 * no first half of a two-record change. (A store that fails mid-request still answers 503 through the
 * guarded store; this gate keeps that window to the moment of failure.)
 */
export function storeWriteGate(store: Store): RequestHandler {
  return (request, _response, next) => {
    if (READS.has(request.method)) return next();
    next(storeKnownDown(store) ? storeUnavailable() : undefined);
  };
}
