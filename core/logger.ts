/**
 * pino, configured once: JSON in production, readable lines in development, and every log object passed
 * through `redactDeep` so a field named like a credential never reaches a log line whatever its depth.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import { redactDeep } from './security/redact.js';

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
      log: (object: Record<string, unknown>) => redactDeep(object) as Record<string, unknown>,
      bindings: (bindings: Record<string, unknown>) => redactDeep(bindings) as Record<string, unknown>,
    },
    serializers: { err: (error: Error) => redactDeep(pino.stdSerializers.err(error)) },
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
