/**
 * Faults the sandbox can be told to inject into its platform API (`PUT /sandbox/behaviour`), so the
 * quote engine's deadline, fallback, retry and health paths can be exercised against a real socket.
 */
import { z } from 'zod';

export const behaviourSchema = z.strictObject({
  /** Delay before answering, ms. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  /** Share of calls, 0..1, answered with a 500; spread evenly and reproducibly, not at random. */
  failRate: z.number().min(0).max(1).default(0),
  /** Never answer: the caller's timeout is the only way out. */
  hang: z.boolean().default(false),
  /** Answer every call with this status (429 carries Retry-After); null answers normally. */
  status: z.number().int().min(400).max(599).nullable().default(null),
  /** The Retry-After sent with an injected 429, seconds. */
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
});

export type Behaviour = z.infer<typeof behaviourSchema>;

export const NORMAL_BEHAVIOUR: Behaviour = Object.freeze(behaviourSchema.parse({}));

/**
 * Whether call number `n` (1-based) fails at `failRate`: exactly when floor(n * rate) steps up, so any
 * run of calls fails in the stated proportion (0.5: every second call; 1: all) and a test can predict
 * which ones.
 */
export function failsAt(n: number, failRate: number): boolean {
  return Math.floor(n * failRate) > Math.floor((n - 1) * failRate);
}
