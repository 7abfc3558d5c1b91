import { compileEntry, resolveLookup } from './lookup-entry';
import { HOUR, iso, PILOT_ENTRY, T0, timedVariants } from './lookup-entry.fixtures';
import { entryEndsAt, entryStartsAt, hasEnded } from './publication-time';

const entry = (over = {}) => ({ ...PILOT_ENTRY, ...over });

describe('publication times', () => {
  it('starts at validFrom and ends at the earlier of validTo and the label expiry', () => {
    const e = entry({ validFrom: iso(T0), validTo: iso(T0 + 10 * HOUR), labelExpiresAt: iso(T0 + 5 * HOUR) });
    expect(entryStartsAt(e)).toBe(T0);
    expect(entryEndsAt(e)).toBe(T0 + 5 * HOUR);
    expect(entryEndsAt(entry())).toBeNull();
  });

  it('lets the label expiry end only an active outbound number', () => {
    const label = { labelExpiresAt: iso(T0), validTo: iso(T0 + 10 * HOUR) };
    expect(entryEndsAt(entry({ ...label, state: 'suspended' }))).toBe(T0 + 10 * HOUR);
    expect(entryEndsAt(entry({ ...label, direction: 'inbound_only' }))).toBe(T0 + 10 * HOUR);
  });

  // Ended means unregistered now and at every later instant: the property the feed's removals rely on.
  const instants = [T0 - 4 * HOUR, T0, T0 + 1.5 * HOUR, T0 + 2.5 * HOUR, T0 + 4 * HOUR, T0 + 1000 * HOUR];

  it.each(timedVariants().map((v, i) => [i, v] as const))(
    'variant %i: ended ⇒ unregistered from then on, and answering until the end',
    (_i, e) => {
      const compiled = compileEntry(e);
      for (const now of instants) {
        if (!hasEnded(e, now)) continue;
        for (const t of instants.filter((x) => x >= now)) expect(resolveLookup(e.number, compiled, t).status).toBe('unregistered');
      }
      // And the end is exact: just before it (inside the validity window) the number still answers.
      const end = entryEndsAt(e);
      if (end !== null && end - 1 >= (entryStartsAt(e) ?? -Infinity)) {
        expect(resolveLookup(e.number, compiled, end - 1).status).not.toBe('unregistered');
      }
    },
  );
});
