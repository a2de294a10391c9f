/**
 * The admin UI turns every error code into a sentence of help (admin-ui/src/api/error-help.ts). A code a
 * merchant can meet without an entry would show only the server's message, with nothing on what to do.
 * No browser needed; it lives beside the browser tests because it guards the same UI.
 */
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../core/errors.js';

interface ErrorHelpModule {
  readonly ERROR_HELP: Readonly<Record<string, { title: string; help?: unknown }>>;
  explainError(
    error: unknown,
    context?: { platform?: string },
  ): { title: string; message: string; help?: string; code?: string };
}
interface ApiErrorModule {
  readonly ApiError: new (status: number, code: string, message: string) => Error;
}

// Loaded by path through Vite: the UI's sources use bundler resolution, which the server's tsconfig does not.
const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ file) as Promise<T>;
const { ERROR_HELP, explainError } = await load<ErrorHelpModule>('../../admin-ui/src/api/error-help.ts');
const { ApiError } = await load<ApiErrorModule>('../../admin-ui/src/api/api-error.ts');

/** Codes no admin page can receive: start-up configuration, the plugin's signed requests, /metrics. */
const NOT_MET_BY_THE_ADMIN = new Set([
  'RB_ERR_CONFIG',
  'RB_ERR_DATA_DIR_LOCKED',
  'RB_ERR_PORT_IN_USE',
  'RB_ERR_NODE_TOO_OLD',
  'RB_ERR_KEYS_DO_NOT_OPEN_STORE',
  'RB_ERR_SIGNATURE_MISSING',
  'RB_ERR_SIGNATURE_MALFORMED',
  'RB_ERR_SIGNATURE_INVALID',
  'RB_ERR_SIGNATURE_EXPIRED',
  'RB_ERR_SIGNATURE_REPLAYED',
  'RB_ERR_METRICS_OFF',
  'RB_ERR_METRICS_UNAUTHORIZED',
]);

describe('error help in the admin UI', () => {
  it('has a title and a sentence of help for every code the admin can meet', () => {
    const missing = Object.keys(ERRORS).filter(
      (code) => !NOT_MET_BY_THE_ADMIN.has(code) && !ERROR_HELP[code],
    );
    expect(missing).toEqual([]);
    // RB_UI_ codes are the UI's own (network down, …); every RB_ERR_ one must be in the catalogue.
    const unknown = Object.keys(ERROR_HELP).filter((code) => code.startsWith('RB_ERR_') && !(code in ERRORS));
    expect(unknown).toEqual([]);
    for (const [code, entry] of Object.entries(ERROR_HELP)) {
      expect(entry.title.length, code).toBeGreaterThan(3);
      expect(entry.help, code).toBeDefined();
    }
  });

  it('shows the server message with platform-specific help, and the server message alone for unknown codes', () => {
    const rejected = explainError(new ApiError(422, 'RB_ERR_TOKEN_REJECTED', 'MachShip did not accept it.'), {
      platform: 'machship',
    });
    expect(rejected.message).toBe('MachShip did not accept it.');
    expect(rejected.help).toMatch(/My API Tokens/);
    expect(rejected.help).toMatch(/shows a token only once/);

    const unknown = explainError(new ApiError(400, 'RB_ERR_SOMETHING_NEW', 'A sentence from the server.'));
    expect(unknown.message).toBe('A sentence from the server.');
    expect(unknown.title).toBe('That did not work');
    expect(unknown.help).toBeUndefined();
  });
});
