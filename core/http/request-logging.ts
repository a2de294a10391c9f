import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { redactUrl, withSecretScope } from '../security/redact.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const UNLOGGED = new Set(['/healthz', '/readyz']);

/**
 * One log line per request with a request id (taken from X-Request-Id when well-formed, else generated,
 * and echoed back). Only method, redacted URL, status, timing and the RB_ERR_ code are logged: never
 * headers or bodies. Written here rather than by pino-http, whose per-request child logger and standard
 * serializers (the whole header set copied, then thrown away by ours) were ≈ 5 % of a cache-hit checkout;
 * the line keeps pino-http's shape (`req`, `res`, `responseTime`, "request completed").
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (request, response, next) =>
    withSecretScope(() => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader('X-Request-Id', id);
      (request as Request & { id?: string }).id = id;
      if (!UNLOGGED.has(request.url)) {
        const started = Date.now();
        const done = () => {
          response.removeListener('finish', done);
          response.removeListener('close', done);
          logLine(logger, request, response, id, Date.now() - started);
        };
        response.on('finish', done);
        response.on('close', done);
      }
      next();
    });
}

function logLine(logger: Logger, request: Request, response: Response, id: string, ms: number): void {
  const status = response.statusCode;
  // The error handler leaves the RB_ERR_ code here, so one line per request says what went wrong.
  const code = (response.locals as { errorCode?: string } | undefined)?.errorCode;
  const line = {
    req: { id, method: request.method, url: redactUrl(request.originalUrl || request.url) },
    res: { statusCode: status },
    responseTime: ms,
    ...(code === undefined ? {} : { errorCode: code }),
  };
  if (status >= 500) logger.error(line, 'request errored');
  else if (!response.writableFinished) logger.info(line, 'request aborted');
  else logger.info(line, 'request completed');
}
