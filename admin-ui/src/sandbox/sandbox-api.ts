/**
 * The sandbox platform's account API (core/platforms/sandbox/sandbox-router.ts describes it), as its page
 * reads it. Its errors are the platform's own ({"error": {code, message, details}}, lower-case codes, not
 * RB_ERR_*); they become ApiErrors so the admin's field-error helpers work on them.
 */
import type { ErrorDetail } from '../../../core/wire/admin-api-types';
import { ApiError } from '../api/api-error';

export type SandboxEnvironment = 'live' | 'test';

export interface SandboxToken {
  readonly name: string;
  readonly environment: SandboxEnvironment;
  readonly lastFour: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreatedSandboxToken {
  /** The value: shown once, never again. */
  readonly token: string;
  readonly apiToken: SandboxToken;
}

export interface SandboxBehaviour {
  readonly latencyMs: number;
  readonly failRate: number;
  readonly hang: boolean;
  readonly status: number | null;
  readonly retryAfterSeconds: number;
}

const TIMEOUT_MS = 15_000;

interface ErrorBody {
  readonly error?: { code?: string; message?: string; details?: ErrorDetail[] };
}

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/sandbox${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])
        : AbortSignal.timeout(TIMEOUT_MS),
      cache: 'no-store',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'RB_UI_NETWORK', 'The sandbox did not answer. Check that RateBridge is running.');
  }
  const parsed = (await response.json().catch(() => undefined)) as (T & ErrorBody) | undefined;
  if (response.ok && parsed !== undefined) return parsed;
  const error = parsed?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'RB_UI_BAD_RESPONSE',
    error?.message ?? `The sandbox answered HTTP ${response.status}.`,
    error?.details ?? [],
  );
}

export const sandboxApi = {
  listTokens: (signal?: AbortSignal) =>
    call<{ apiTokens: SandboxToken[] }>('GET', '/api-tokens', undefined, signal).then((r) => r.apiTokens),
  createToken: (name: string, environment: SandboxEnvironment) =>
    call<CreatedSandboxToken>('POST', '/api-tokens', { name, environment }),
  revokeToken: (name: string) =>
    call<{ apiToken: SandboxToken }>('POST', `/api-tokens/${encodeURIComponent(name)}/revoke`).then(
      (r) => r.apiToken,
    ),
  readBehaviour: (signal?: AbortSignal) =>
    call<{ behaviour: SandboxBehaviour }>('GET', '/behaviour', undefined, signal).then((r) => r.behaviour),
  saveBehaviour: (behaviour: SandboxBehaviour) =>
    call<{ behaviour: SandboxBehaviour }>('PUT', '/behaviour', behaviour).then((r) => r.behaviour),
};
