/** How the sandbox answers a refusal: its own wire format, {"error": {"code", "message", …}}. */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { SandboxErrorBody, SandboxErrorCode } from './wire-format.js';

export const BODY_LIMIT = '64kb';

export function sendError(
  res: Response,
  status: number,
  code: SandboxErrorCode,
  message: string,
  extra: Omit<SandboxErrorBody['error'], 'code' | 'message'> = {},
): void {
  res.status(status).json({ error: { code, message, ...extra } } satisfies SandboxErrorBody);
}

/**
 * Issues name the field and the rule, never what was sent (it might be a pasted secret): zod's messages
 * state expected types and limits only, except for unknown keys, which it quotes and so are counted here.
 */
export function sendValidationError(res: Response, error: z.ZodError): void {
  const details = error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown fields (${issue.keys.length})` : issue.message,
  }));
  const first = details[0];
  const summary = first ? `${first.path || 'body'}: ${first.message}` : 'it does not match the schema';
  sendError(res, 400, 'validation_failed', `The request is not valid (${summary}).`, { details });
}

export function parseBody<S extends z.ZodType>(
  schema: S,
  req: Request,
  res: Response,
): z.output<S> | undefined {
  if (!req.is('application/json')) {
    sendError(res, 415, 'unsupported_media_type', 'Send the request body as application/json.');
    return undefined;
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    sendValidationError(res, parsed.error);
    return undefined;
  }
  return parsed.data;
}

export const errorHandler =
  (logger: Pick<Logger, 'error'> | undefined): ErrorRequestHandler =>
  (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    // body-parser marks its errors with a `type`; they are the client's fault, so never a 500.
    const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
    if (type === 'entity.too.large') {
      return sendError(res, 413, 'body_too_large', `The request body is larger than ${BODY_LIMIT}.`);
    }
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendError(res, 415, 'unsupported_media_type', 'Send the request body as UTF-8 JSON.');
    }
    if (typeof type === 'string')
      return sendError(res, 400, 'bad_json', 'The request body is not valid JSON.');
    // A body that does not inflate (a false Content-Encoding): body-parser says 400 with zlib's own code.
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
    if (status === 400) {
      return sendError(
        res,
        400,
        'bad_body',
        'The request body could not be decoded as its Content-Encoding says.',
      );
    }
    if (logger) logger.error({ err: error }, 'sandbox: unexpected error');
    else console.error('sandbox: unexpected error', error);
    sendError(res, 500, 'internal', 'The sandbox failed unexpectedly. Try again.');
  };
