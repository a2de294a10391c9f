import { rbError, type RateBridgeError } from '../errors.js';

/** How long a client is told to wait before trying again while the store is down. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** The coded 503 every caller sees when the store itself failed (not a refusal of the caller's update). */
export function storeUnavailable(cause?: unknown): RateBridgeError {
  const error = rbError('RB_ERR_STORE_UNAVAILABLE').withRetryAfter(STORE_RETRY_AFTER_SECONDS);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}

export function isStoreUnavailable(error: unknown): error is RateBridgeError {
  return (error as RateBridgeError | undefined)?.code === 'RB_ERR_STORE_UNAVAILABLE';
}
