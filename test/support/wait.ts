/**
 * The bound for "eventually" in e2e tests: generous, because a loaded CI machine is slow. How fast a change
 * really shows (the ≤ 1 s targets) is measured by the benchmark (npm run bench), never asserted in tests.
 */
export const EVENTUALLY_MS = 15_000;

/** Waits until `check` passes, failing after `ms` with its last error; returns how long it took. */
export async function within(ms: number, check: () => Promise<void>, every = 20): Promise<number> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - start;
    } catch (err) {
      if (Date.now() - start > ms) throw err;
      await new Promise((r) => setTimeout(r, every));
    }
  }
}
