/**
 * Refusals of bad input as RB_ERR_VALIDATION with per-field details, for domain services that are called
 * from more than the HTTP edge (the admin API's own helper lives with Express and stays there).
 */
import type { z } from 'zod';
import { rbErrorWithDetails, type ErrorDetail, type RateBridgeError } from '../errors.js';

export function invalidInput(details: readonly ErrorDetail[]): RateBridgeError {
  const summary = details
    .slice(0, 3)
    .map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message))
    .join('; ');
  return rbErrorWithDetails('RB_ERR_VALIDATION', details, details.length > 3 ? `${summary}; …` : summary);
}

/** Parses with `schema` or throws RB_ERR_VALIDATION naming each offending field under `prefix`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(
    result.error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
    })),
  );
}
