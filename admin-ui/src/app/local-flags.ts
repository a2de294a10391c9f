/**
 * What the server does not record, remembered in this browser (per API base, so the embedded and the
 * standalone admin keep theirs apart). Storage can be disabled (private windows): then nothing is kept.
 */
export type Flag = 'test-quote-done' | 'go-live-done';

const key = (apiBase: string, flag: Flag) => `ratebridge:${apiBase}:${flag}`;

export function readFlag(apiBase: string, flag: Flag): boolean {
  try {
    return window.localStorage.getItem(key(apiBase, flag)) === '1';
  } catch {
    return false;
  }
}

export function writeFlag(apiBase: string, flag: Flag): void {
  try {
    window.localStorage.setItem(key(apiBase, flag), '1');
  } catch {
    // Not kept: the wizard derives the step from server state first anyway.
  }
}
