/** Waiting on work without outliving a checkout's deadline: the work itself runs on. */

/**
 * A checkout's deadline as a signal, with its timer cleared once the quote is answered. AbortSignal.timeout
 * would fire for every quote long after its answer (a timer, a DOMException and an abort event each), and
 * a busy instance then holds a deadline's worth of answered quotes' signals.
 */
export function checkoutDeadline(ms: number): { readonly signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The checkout deadline passed', 'TimeoutError')),
    ms,
  );
  timer.unref();
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

/** The attempt's result, or undefined when it has not settled `graceMs` after the deadline fired. */
export function untilDeadlinePassed<T>(
  attempt: Promise<T>,
  deadline: AbortSignal,
  graceMs: number,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => resolve(undefined), graceMs);
    };
    if (deadline.aborted) onAbort();
    else deadline.addEventListener('abort', onAbort, { once: true });
    void attempt.then((value) => {
      deadline.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Resolves when every call has finished or the deadline fires, whichever is first. */
export function untilSettledOrAborted(
  calls: readonly Promise<unknown>[],
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void Promise.allSettled(calls).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** The promise's value, or undefined as soon as `signal` fires (the promise itself runs on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

/** Sleeps `ms`, or less when `signal` fires first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
