import { compileEntry, LookupEntry, resolveLookup } from './lookup-entry';
import { entryEndsAt, entryStartsAt, hasEnded } from './publication-time';

const HOUR = 3_600_000;
const t0 = Date.parse('2027-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function entry(over: Partial<LookupEntry> = {}): LookupEntry {
  return {
    number: '+842439437142',
    state: 'active',
    direction: 'outbound',
    display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT', callReason: null },
    organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
    allowedOrigins: [],
    validFrom: null,
    validTo: null,
    labelExpiresAt: null,
    ...over,
  };
}

describe('publication times', () => {
  it('starts at validFrom and ends at the earlier of validTo and the label expiry', () => {
    const e = entry({ validFrom: iso(t0), validTo: iso(t0 + 10 * HOUR), labelExpiresAt: iso(t0 + 5 * HOUR) });
    expect(entryStartsAt(e)).toBe(t0);
    expect(entryEndsAt(e)).toBe(t0 + 5 * HOUR);
    expect(entryEndsAt(entry())).toBeNull();
  });

  it('lets the label expiry end only an active outbound number', () => {
    const label = { labelExpiresAt: iso(t0), validTo: iso(t0 + 10 * HOUR) };
    expect(entryEndsAt(entry({ ...label, state: 'suspended' }))).toBe(t0 + 10 * HOUR);
    expect(entryEndsAt(entry({ ...label, direction: 'inbound_only' }))).toBe(t0 + 10 * HOUR);
  });

  // Ended means unregistered now and at every later instant: the property the feed's removals rely on.
  const variants: LookupEntry[] = [];
  for (const state of ['active', 'suspended'] as const) {
    for (const direction of ['outbound', 'inbound_only'] as const) {
      for (const validFrom of [null, iso(t0 - HOUR), iso(t0 + HOUR)]) {
        for (const validTo of [null, iso(t0 + 2 * HOUR), iso(t0 - 2 * HOUR)]) {
          for (const labelExpiresAt of [null, iso(t0 + 3 * HOUR), iso(t0 - 3 * HOUR)]) {
            variants.push(entry({ state, direction, validFrom, validTo, labelExpiresAt }));
          }
        }
      }
    }
  }
  const instants = [t0 - 4 * HOUR, t0, t0 + 1.5 * HOUR, t0 + 2.5 * HOUR, t0 + 4 * HOUR, t0 + 1000 * HOUR];

  it.each(variants.map((v, i) => [i, v] as const))('variant %i: ended ⇒ unregistered from then on, and answering until the end', (_i, e) => {
    const compiled = compileEntry(e);
    for (const now of instants) {
      const later = instants.filter((t) => t >= now);
      if (hasEnded(e, now)) {
        for (const t of later) expect(resolveLookup(e.number, compiled, t).status).toBe('unregistered');
      }
    }
    // And the end is exact: just before it (inside the validity window) the number still answers.
    const end = entryEndsAt(e);
    if (end !== null && end - 1 >= (entryStartsAt(e) ?? -Infinity)) {
      expect(resolveLookup(e.number, compiled, end - 1).status).not.toBe('unregistered');
    }
  });
});
