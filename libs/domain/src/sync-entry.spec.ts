import { compileEntry, LookupEntry, resolveLookup } from './lookup-entry';
import { HOUR, iso, PILOT_ENTRY, T0 as t0, timedVariants } from './lookup-entry.fixtures';
import { answerFromSyncEntry, toSyncEntry } from './sync-entry';

const base = PILOT_ENTRY;
const variants = timedVariants();
const later = [0, 0.25, 0.75, 1, 1.5, 2, 2.5, 3, 4, 100].map((h) => t0 + h * HOUR);
const answer = (e: LookupEntry, t: number) => {
  const { status, verdict, display, organization } = resolveLookup(e.number, compileEntry(e), t);
  return { status, verdict, display, organization };
};

describe('a carrier copy that applies time answers as the lookup does', () => {
  it.each(variants.map((v, i) => [i, v] as const))('variant %i, published at t0, at every later instant', (_i, e) => {
    const synced = toSyncEntry(compileEntry(e), t0);
    for (const t of later) {
      if (synced === null)
        expect(answer(e, t).status).toBe('unregistered'); // removed: it has ended
      else expect(answerFromSyncEntry(synced, t)).toEqual(answer(e, t));
    }
  });

  it('a copy that does not apply time starts from the answer at publication: unregistered before validFrom', () => {
    const future = { ...base, validFrom: iso(t0 + HOUR) };
    const synced = toSyncEntry(compileEntry(future), t0)!;
    expect(synced).toMatchObject({ status: 'unregistered', verdict: 'none', display: null });
    expect(synced.answerWhenValid).toMatchObject({ status: 'active', verdict: 'brand', display: base.display });
    expect(toSyncEntry(compileEntry(future), t0 + 2 * HOUR)).not.toHaveProperty('answerWhenValid');
  });
});
