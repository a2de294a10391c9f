import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../core/logger.js';

/** A real pino logger whose JSON lines are kept for assertions (canary checks read them all). */
export function capturingLogger(level = 'debug'): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(line);
      callback();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => lines.join('\n') };
}
