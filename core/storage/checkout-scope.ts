/**
 * Marks the work of one checkout (the Shopify callback, the plugin's /rates) so the guarded store can treat
 * its reads differently from an admin's: a checkout may be answered from what the instance last read when
 * the store is down, an admin write may not. AsyncLocalStorage carries the mark through every await, so the
 * domain code between the front end and the store (tokens, catalog, quoting) needs no parameter for it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<true>();

/** Runs `work` (and everything it awaits or starts) as checkout work. */
export function runAsCheckout<T>(work: () => T): T {
  return scope.run(true, work);
}

export function inCheckout(): boolean {
  return scope.getStore() === true;
}
