/**
 * Loading state for one API read: every page shows loading, error (with retry) and data from this, and a
 * reload keeps the old data on screen instead of flashing a spinner.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  /** True until the first answer (success or failure) arrives. */
  readonly loading: boolean;
  /** True while any load, first or later, is in flight. */
  readonly refreshing: boolean;
  reload(): Promise<void>;
  /** Replaces the data after a write answered with the new state (no extra round trip). */
  setData(update: T | ((current: T | undefined) => T)): void;
}

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [refreshing, setRefreshing] = useState(true);
  const current = useRef<AbortController | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setRefreshing(true);
    try {
      const value = await loadRef.current(controller.signal);
      if (controller.signal.aborted) return;
      setDataState(value);
      setError(undefined);
    } catch (caught) {
      if (controller.signal.aborted) return;
      setError(caught);
    } finally {
      if (!controller.signal.aborted) {
        setLoading(false);
        setRefreshing(false);
      }
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    void run();
    return () => current.current?.abort();
    // The caller's deps decide when to reload, as with useEffect; `run` reads the latest loader.
  }, deps);

  const setData = useCallback((update: T | ((value: T | undefined) => T)) => {
    setDataState((value) =>
      typeof update === 'function' ? (update as (v: T | undefined) => T)(value) : update,
    );
  }, []);

  return { data, error, loading, refreshing, reload: run, setData };
}

export interface Action<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  readonly pending: boolean;
  readonly error: unknown;
  reset(): void;
}

/** A write: pending while it runs, its error kept for the form to show, never thrown at the caller. */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const performRef = useRef(perform);
  performRef.current = perform;
  const run = useCallback(async (...args: A) => {
    setPending(true);
    setError(undefined);
    try {
      return await performRef.current(...args);
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => setError(undefined), []);
  return { run, pending, error, reset };
}
