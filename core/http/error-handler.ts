import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { RateBridgeError } from '../errors.js';
import { isRateBridgeError, rbError, rbErrorWithDetails } from '../errors.js';
import type { Logger } from '../logger.js';

/** body-parser's errors carry a `type` and `status`; nothing else of them may reach a client. */
interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
  readonly limit?: number;
  /** zlib's (`Z_DATA_ERROR`) or brotli's (`ERR__ERROR_FORMAT_…`) code when inflating failed. */
  readonly code?: unknown;
}

/** A body whose Content-Encoding lies (gzip that is not gzip): the client's fault, not ours. */
function isUndecodableBody(error: BodyParserError | undefined): boolean {
  return (
    error?.status === 400 &&
    typeof error.code === 'string' &&
    /^(Z_|ERR__ERROR|ERR_BROTLI|ERR_ZLIB)/.test(error.code)
  );
}

/** Turns anything thrown in a route into the one error body: `{"error": {"code", "message"}}`. */
export function toRateBridgeError(error: unknown): RateBridgeError {
  if (isRateBridgeError(error)) return error;
  if (error instanceof z.ZodError) return validationError(error);
  // A malformed %-escape in a path parameter: nothing can live at such an address.
  if (error instanceof URIError) return rbError('RB_ERR_ROUTE_NOT_FOUND');
  const parserError = error as BodyParserError | undefined;
  if (isUndecodableBody(parserError)) return rbError('RB_ERR_BODY_UNDECODABLE');
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return rbError('RB_ERR_BAD_JSON');
    case 'entity.too.large':
      return rbError('RB_ERR_BODY_TOO_LARGE', formatBytes(parserError.limit));
    case 'charset.unsupported':
      return rbError('RB_ERR_UNSUPPORTED_MEDIA_TYPE');
    case 'encoding.unsupported':
      return rbError('RB_ERR_ENCODING_UNSUPPORTED');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return rbError('RB_ERR_BAD_JSON');
  }
  return rbError('RB_ERR_INTERNAL');
}

export function validationError(error: z.ZodError): RateBridgeError {
  const details = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = details
    .slice(0, 3)
    .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))
    .join('; ');
  return rbErrorWithDetails('RB_ERR_VALIDATION', details, details.length > 3 ? `${summary}; …` : summary);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const rbErr = toRateBridgeError(error);
    const log = (request as { log?: Logger }).log ?? logger;
    // 4xx are reported on the request's own log line (errorCode); only faults get a line of their own.
    if (rbErr.status >= 500) log.error({ err: error, errorCode: rbErr.code }, 'request failed');
    // Anyone can send a lying Content-Encoding: worth a warning line to spot abuse, never a stack trace.
    else if (rbErr.code === 'RB_ERR_BODY_UNDECODABLE')
      log.warn({ errorCode: rbErr.code }, 'request body could not be decoded');
    response.locals.errorCode = rbErr.code;
    if (response.headersSent) return;
    if (rbErr.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(rbErr.retryAfterSeconds));
    response.status(rbErr.status).json(rbErr.toJSON());
  };
}

export const notFoundHandler: RequestHandler = (_request, _response, next) => {
  next(rbError('RB_ERR_ROUTE_NOT_FOUND'));
};

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'size';
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
