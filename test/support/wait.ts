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
