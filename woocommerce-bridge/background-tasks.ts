/**
 * Work that outlives the request that started it (checking keys after the grant callback answered,
 * registering webhooks, refetching variations). Each task is tracked so `stop()` can abort and wait for
 * all of them, and a failure is logged rather than left as an unhandled rejection.
 */
import type { Logger } from '../core/index.js';

export interface BackgroundTasks {
  /** Aborted by `stop()`; tasks pass it to every store call. */
  readonly signal: AbortSignal;
  run(name: string, task: (signal: AbortSignal) => Promise<unknown>): Promise<void>;
  /** Resolves once every task started so far has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const controller = new AbortController();
  const running = new Set<Promise<void>>();
  return {
    signal: controller.signal,
    run(name, task) {
      if (controller.signal.aborted) return Promise.resolve();
      const promise = task(controller.signal).then(
        () => undefined,
        (error: unknown) => {
          if (!controller.signal.aborted)
            logger.error({ err: error, task: name }, 'WooCommerce background task failed');
        },
      );
      const tracked = promise.finally(() => running.delete(tracked));
      running.add(tracked);
      return tracked;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop() {
      controller.abort();
      await this.idle();
    },
  };
}
