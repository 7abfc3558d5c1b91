import { Logger } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

/** A round the test finishes by hand. */
function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

describe('PeriodicJob', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('never runs two rounds at once: the next is armed when one ends', async () => {
    const gates: ReturnType<typeof gate>[] = [];
    let running = 0;
    let most = 0;
    const job = new PeriodicJob('t', 100, async () => {
      running++;
      most = Math.max(most, running);
      const g = gate();
      gates.push(g);
      await g.done;
      running--;
    });
    job.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(gates).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1_000); // the first round is still running: no second one
    expect(gates).toHaveLength(1);
    gates[0].open();
    await jest.advanceTimersByTimeAsync(100);
    expect(gates).toHaveLength(2);
    expect(most).toBe(1);
    gates[1].open();
    await job.stop();
  });

  it('callers arriving while a round runs share the one round after it', async () => {
    const first = gate();
    let rounds = 0;
    const job = new PeriodicJob('t', 60_000, async () => {
      rounds++;
      if (rounds === 1) await first.done;
      return rounds;
    });
    const a = job.runNow();
    await jest.advanceTimersByTimeAsync(0); // round 1 has started
    const b = job.runNow();
    const c = job.runNow();
    first.open();
    expect(await a).toBe(1);
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    expect(rounds).toBe(2);
    expect(await job.runNow()).toBe(3); // asked after round 2 ended: a round of its own
  });

  it('a failing round is retried on the next tick, logged once per outage and once when it recovers', async () => {
    let failures = 3;
    let ok = 0;
    const job = new PeriodicJob('t', 100, async () => {
      if (failures-- > 0) throw new Error('database down');
      ok++;
    });
    job.start();
    await jest.advanceTimersByTimeAsync(500);
    expect(ok).toBeGreaterThan(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('database down');
    expect(log).toHaveBeenCalledWith('Recovered after 3 failed round(s)');
    await job.stop();
  });

  it('stop() waits for the round in progress and starts no other', async () => {
    const g = gate();
    let rounds = 0;
    const job = new PeriodicJob('t', 100, async () => {
      rounds++;
      await g.done;
    });
    job.start();
    await jest.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    g.open();
    await stopping;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(rounds).toBe(1);
  });

  it('runNow rejects with the error of its round', async () => {
    const job = new PeriodicJob('t', 100, async () => {
      throw new Error('boom');
    });
    await expect(job.runNow()).rejects.toThrow('boom');
    await expect(job.runNow()).rejects.toThrow('boom');
  });
});
