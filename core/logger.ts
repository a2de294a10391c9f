/**
 * pino, configured once: JSON in production, readable lines in development, and every log object passed
 * through `redactLogObject` so a field named like a credential never reaches a log line whatever its depth.
 * The redaction copies only what it changes: it runs on every line, so a clean line costs a walk, not a copy.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger, type DestinationStream } from 'pino';
import { redactDeep, redactUrl } from './security/redact.js';
import { redactLogObject } from './security/redact-log-object.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level: string;
  readonly pretty?: boolean;
  /** Tests pass a stream to read every line written. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: { app: 'ratebridge' },
    formatters: {
      // Runs on the merged object of every call (child bindings are redacted the same way below).
      log: redactLogObject,
      bindings: redactLogObject,
    },
    serializers: {
      err: (error: Error) => redactDeep(pino.stdSerializers.err(error)),
      // redactLogObject leaves raw HTTP objects under req/res to these.
      req: serializeRequest,
      res: serializeResponse,
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,app' },
      },
    });
  }
  return pino(base);
}

function serializeRequest(request: unknown): unknown {
  if (!(request instanceof IncomingMessage)) return redactDeep(request);
  return { method: request.method, url: redactUrl(request.url ?? '') };
}

function serializeResponse(response: unknown): unknown {
  return response instanceof ServerResponse ? { statusCode: response.statusCode } : redactDeep(response);
}
