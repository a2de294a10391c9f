/** How a store's refusal of keys reads: as the connection's last check, and as the admin's coded error. */
import { rbError, rbErrorWithDetails, type RateBridgeError } from '../../core/index.js';
import type { CheckOutcome } from '../store-connection.js';
import { describeFailure, type WooFailure } from '../woocommerce-client.js';

export function checkOutcome(failure: WooFailure): CheckOutcome {
  switch (failure.kind) {
    case 'rejected':
    case 'header-stripped':
      return 'rejected';
    case 'forbidden':
      return 'forbidden';
    case 'https-unseen':
      return 'https_unseen';
    case 'not-found':
      return 'not_found';
    case 'redirected':
      return 'redirected';
    case 'unreachable':
    case 'timeout':
    case 'cancelled':
    case 'unavailable':
      return 'unreachable';
    case 'bad-response':
      return 'failed';
  }
}

/** The coded error the admin shows when pasted keys do not work. */
export function failureError(failure: WooFailure): RateBridgeError {
  const detail = describeFailure(failure);
  switch (failure.kind) {
    case 'rejected':
    case 'header-stripped':
      return rbError('RB_ERR_STORE_KEY_REJECTED', detail);
    case 'forbidden':
      return rbError('RB_ERR_STORE_KEY_FORBIDDEN', detail);
    case 'https-unseen':
      return rbError('RB_ERR_STORE_HTTPS_UNSEEN', detail);
    case 'not-found':
    case 'redirected':
    case 'bad-response':
      return rbErrorWithDetails('RB_ERR_VALIDATION', [{ path: 'storeUrl', message: detail }], detail);
    case 'unreachable':
    case 'timeout':
    case 'cancelled':
    case 'unavailable':
      return rbError('RB_ERR_STORE_UNREACHABLE', detail);
  }
}
