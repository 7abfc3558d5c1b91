import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` change and on reload(); keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** A page's outcome message: the last error (said by <Alert>) or the last success. */
export function useNotice() {
  const [error, setError] = useState<unknown>();
  const [success, setSuccess] = useState<string | null>(null);
  return {
    error,
    success,
    setError,
    setSuccess,
    /** A success: any earlier error goes. */
    done: (message: string) => {
      setError(undefined);
      setSuccess(message);
    },
    /** A refusal: any earlier success goes. */
    failed: (err: unknown) => {
      setSuccess(null);
      setError(err);
    },
    clear: () => {
      setError(undefined);
      setSuccess(null);
    },
  };
}

export type Notice = ReturnType<typeof useNotice>;

/** A click that needs no promise: the refusal is already on the page (the step's onError showed it). */
export const swallow = (p: Promise<void>) => p.catch(() => {});

/** Runs `work` with `flag` on meanwhile; a refusal goes to `onError`. */
export async function whileBusy(flag: (on: boolean) => void, work: () => Promise<void>, onError: (err: unknown) => void) {
  flag(true);
  try {
    await work();
  } catch (err) {
    onError(err);
  } finally {
    flag(false);
  }
}

/** A form's submit: no page load, busy while `send` runs, and a refusal handed to `onError`. */
export function useFormSubmit(send: () => Promise<void>, onError: (err: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    return whileBusy(setBusy, send, onError);
  };
  return { busy, submit };
}
