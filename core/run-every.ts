/**
 * A periodic pass that never overlaps itself (a slow pass makes the next tick skip, not pile up) and never
 * keeps the process alive; `stop` waits for a pass in flight, so shutdown closes the store after it.
 */
export function runEvery(pass: () => Promise<unknown>, everyMs: number): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = pass().finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
