/** A REST answer, and WordPress's error shape `{code, message, data: {status}}` (WP_Error through REST). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export function restError(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
): Reply {
  return { status, body: { code, message, data: { status, ...data } } };
}
