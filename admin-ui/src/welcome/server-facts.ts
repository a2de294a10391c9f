/**
 * What the welcome page says about this server, read from its public endpoints: readiness (GET /readyz)
 * and whether the sandbox is mounted (GET /sandbox/behaviour answers only then).
 */
export type Readiness =
  | { readonly kind: 'ready'; readonly store: string }
  | { readonly kind: 'unavailable'; readonly message: string };

export interface ServerFacts {
  readonly readiness: Readiness;
  readonly sandbox: boolean;
}

const TIMEOUT_MS = 5000;

async function readJson(path: string, signal: AbortSignal): Promise<{ ok: boolean; body: unknown }> {
  const response = await fetch(path, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
  });
  return { ok: response.ok, body: await response.json().catch(() => undefined) };
}

async function readiness(signal: AbortSignal): Promise<Readiness> {
  try {
    const { ok, body } = await readJson('/readyz', signal);
    const fields = (body ?? {}) as { store?: unknown; error?: { message?: unknown } };
    if (ok) return { kind: 'ready', store: String(fields.store ?? 'unknown') };
    const message = typeof fields.error?.message === 'string' ? fields.error.message : 'not ready';
    return { kind: 'unavailable', message };
  } catch {
    return { kind: 'unavailable', message: 'RateBridge did not answer within five seconds.' };
  }
}

export async function readServerFacts(signal: AbortSignal): Promise<ServerFacts> {
  const [ready, sandbox] = await Promise.all([
    readiness(signal),
    readJson('/sandbox/behaviour', signal).then(
      ({ ok }) => ok,
      () => false,
    ),
  ]);
  return { readiness: ready, sandbox };
}
