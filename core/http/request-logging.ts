import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { redactUrl, withSecretScope } from '../security/redact.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One log line per request with a request id (taken from X-Request-Id when well-formed, else generated,
 * and echoed back). Only method, redacted URL, status and timing are logged: never headers or bodies.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const log = pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: redactUrl(request.url),
      }),
      // pino-http hands the standard serialization, whose statusCode is null before headers are sent.
      res: (response: { statusCode: number | null; raw?: { statusCode: number } }) => ({
        statusCode: response.raw?.statusCode ?? response.statusCode,
      }),
    },
    // The error handler leaves the RB_ERR_ code here, so one line per request says what went wrong.
    customProps: (_request, response) => {
      const code = (response as ServerResponse & { locals?: { errorCode?: string } }).locals?.errorCode;
      return code === undefined ? {} : { errorCode: code };
    },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'info' : 'info',
    autoLogging: { ignore: (request) => request.url === '/healthz' || request.url === '/readyz' },
  });
  // Each request gets its own scope of remembered secrets (see rememberSecret).
  return (request, response, next) => withSecretScope(() => log(request, response, next));
}
