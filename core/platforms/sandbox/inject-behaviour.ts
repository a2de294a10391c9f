/** The behaviour a tester injected (latency, a hang, a status, a failure rate), applied to one call. */
import type { Response } from 'express';
import { failsAt } from './behaviour.js';
import { sendError } from './sandbox-replies.js';
import type { SandboxState, SandboxStateAccess } from './sandbox-state.js';

/** A hung call is cut after this, so a client without a timeout cannot hold a socket for ever. */
const HANG_CAP_MS = 10 * 60_000;

/** Applies the injected behaviour; false when it has answered (or dropped) the call itself. */
export async function injectBehaviour(
  state: SandboxStateAccess,
  current: SandboxState,
  callNumber: number,
  res: Response,
): Promise<boolean> {
  const { behaviour } = current;
  if (behaviour.latencyMs > 0 && !(await waitWhileConnected(res, behaviour.latencyMs))) return false;
  if (behaviour.hang) {
    await hangUntilClosed(res);
    return false;
  }
  if (behaviour.status !== null) {
    await state.count(current, 'injectedFailures');
    if (behaviour.status === 429) res.set('Retry-After', String(behaviour.retryAfterSeconds));
    sendError(
      res,
      behaviour.status,
      'injected_status',
      `The sandbox was told to answer ${behaviour.status}.`,
    );
    return false;
  }
  if (failsAt(callNumber, behaviour.failRate)) {
    await state.count(current, 'injectedFailures');
    sendError(res, 500, 'injected_failure', 'The sandbox failed this call on purpose (failRate).');
    return false;
  }
  return true;
}

/** True after `ms`; false as soon as the client goes away (nothing left to answer). */
function waitWhileConnected(res: Response, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

function hangUntilClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => res.destroy(), HANG_CAP_MS);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
