import type { ErrorDetail } from '../../../core/wire/admin-api-types';

/** Every failed API call becomes one of these: the server's coded error, or one the UI itself observed. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** A route the server does not have (yet): optional features hide themselves on this. */
  get isMissingRoute(): boolean {
    return (
      this.status === 404 && (this.code === 'RB_ERR_ROUTE_NOT_FOUND' || this.code === 'RB_UI_BAD_RESPONSE')
    );
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * Validation details keyed by path (`fallbackRates.0.name`) and by first segment (`fallbackRates`), so a
 * form can show each message under its own field.
 */
export function fieldErrors(error: unknown): Readonly<Record<string, string>> {
  if (!isApiError(error)) return {};
  const fields: Record<string, string> = {};
  for (const detail of error.details) {
    if (!detail.path) continue;
    const first = detail.path.split('.')[0] ?? detail.path;
    fields[detail.path] ??= detail.message;
    fields[first] ??= detail.message;
  }
  return fields;
}
