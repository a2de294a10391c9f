/**
 * The logger's redaction: the same rules as `redactDeep` (a field named like a credential is replaced at any
 * depth, URLs lose their secret parts, known secret values are scrubbed from every string), but copying only
 * what it changes. A request's log object is small and clean, so it is walked and handed back as it was.
 *
 * A raw request or response logged under `req` / `res` is not walked: the serializers (core/logger.ts) turn
 * it into a method, a redacted URL and a status, so nothing else of it is ever written; the request line
 * itself (core/http/request-logging.ts) logs only those fields.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { REDACTED, isSensitiveName, redactDeep, redactUrl, scrubKnownSecrets } from './redact.js';

const MAX_DEPTH = 8;

export function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  const seen = new WeakSet<object>();
  for (const name in object) {
    const field = object[name];
    const isHttp = field instanceof IncomingMessage || field instanceof ServerResponse;
    const redacted = isHttp && (name === 'req' || name === 'res') ? field : redactField(name, field, 0, seen);
    if (redacted !== field) (copy ??= { ...object })[name] = redacted;
  }
  return copy ?? object;
}

function redactField(name: string, field: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (isSensitiveName(name) && field !== undefined && field !== null && field !== '') return REDACTED;
  if ((name === 'url' || name === 'path') && typeof field === 'string') return redactUrl(field);
  return redactValue(field, depth, seen);
}

/** `value` itself when nothing in it needs redacting, else a copy with what does replaced. */
function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubKnownSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return redactDeep(value, depth);
  if (value instanceof URL) return scrubKnownSecrets(redactUrl(value.href));
  // A Date, a URL, a Buffer: written as their JSON, so that is what is redacted.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactValue(toJSON.call(value), depth + 1, seen);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const redacted = redactValue(item, depth + 1, seen);
      if (redacted !== item) (copy ??= [...value])[index] = redacted;
    });
    return copy ?? value;
  }
  return redactEntries(value as Record<string, unknown>, depth, seen);
}

function redactEntries(value: Record<string, unknown>, depth: number, seen: WeakSet<object>): unknown {
  let copy: Record<string, unknown> | undefined;
  const plain = Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
  for (const [name, field] of Object.entries(value)) {
    const redacted = redactField(name, field, depth + 1, seen);
    if (redacted !== field) (copy ??= { ...value })[name] = redacted;
  }
  // A class instance becomes its own fields, as JSON writes it; a plain object unchanged is itself.
  return copy ?? (plain ? value : { ...value });
}
