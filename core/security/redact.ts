/**
 * Log redaction. Anything whose name looks like a credential is replaced wherever it sits in a log object,
 * and URLs lose the values of sensitive query parameters and the secret path segments we issue (carrier
 * service callback keys, one-time login tokens).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const REDACTED = '[redacted]';

/**
 * Secret values known to the current request (a pasted token, a connector secret). Names catch most
 * leaks; this catches the rest: any log string containing one of these values is scrubbed, wherever the
 * value ended up (an error message, a URL, a third-party library's text).
 */
const secretScope = new AsyncLocalStorage<Set<string>>();

/** Runs `fn` with a fresh set of remembered secrets (one per request). */
export function withSecretScope<T>(fn: () => T): T {
  return secretScope.run(new Set(), fn);
}

/** Marks `value` as secret for the rest of this request's log lines. Short values are ignored. */
export function rememberSecret(value: string): void {
  if (value.length >= 8) secretScope.getStore()?.add(value);
}

export function scrubKnownSecrets(text: string): string {
  const secrets = secretScope.getStore();
  if (!secrets || secrets.size === 0) return text;
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  return result;
}

const SENSITIVE_NAME =
  /token|secret|password|passwd|authorization|cookie|api[-_]?key|access[-_]?key|consumer[-_]?key|private[-_]?key|^key$|signature|credential|session/i;

/** Query parameters that carry one-time secrets in URLs (OAuth-style grants), though their names look harmless. */
const SECRET_QUERY_PARAMETERS = new Set(['state', 'code', 'hmac', 'id_token', 'session']);

/** Path prefixes whose next segment is itself a secret. */
const SECRET_PATH_SEGMENTS = [
  /(\/shopify\/carrier-service\/)[^/?#]+/g,
  /(\/login\/)[^/?#]+/g,
  // A person's sign-in link and an invitation (core/people): the segment is the one-time secret.
  /(\/sign-in\/)[^/?#]+/g,
  /(\/invitation\/)[^/?#]+/g,
];

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

export function redactUrl(url: string): string {
  let result = url;
  for (const pattern of SECRET_PATH_SEGMENTS) result = result.replace(pattern, `$1${REDACTED}`);
  const queryStart = result.indexOf('?');
  if (queryStart === -1) return result;
  const params = new URLSearchParams(result.slice(queryStart + 1));
  for (const name of [...params.keys()]) {
    if (isSensitiveName(name) || SECRET_QUERY_PARAMETERS.has(name.toLowerCase())) params.set(name, REDACTED);
  }
  const query = params.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
  return `${result.slice(0, queryStart)}${query ? `?${query}` : ''}`;
}

/** A deep copy of `value` with sensitive fields replaced; cycles and depth are bounded. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubKnownSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubKnownSecrets(value.message),
      stack: value.stack === undefined ? undefined : scrubKnownSecrets(value.stack),
      ...(redactDeep({ ...value }, depth + 1, seen) as object),
    };
  }
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (isSensitiveName(name) && field !== undefined && field !== null && field !== '')
      result[name] = REDACTED;
    else if ((name === 'url' || name === 'path') && typeof field === 'string')
      result[name] = redactUrl(field);
    else result[name] = redactDeep(field, depth + 1, seen);
  }
  return result;
}
