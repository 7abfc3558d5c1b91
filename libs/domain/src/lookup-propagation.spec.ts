import { PILOT_ENTRY } from './lookup-entry.fixtures';
import { LOOKUP_PRESENCE, lookupsBehind, narrowsBrand } from './lookup-propagation';

describe('lookup propagation', () => {
  const entry = PILOT_ENTRY;

  it('a removal, a suspension and a change of direction narrow a brand; a first publication does not', () => {
    expect(narrowsBrand(entry, null)).toBe(true);
    expect(narrowsBrand(entry, { ...entry, state: 'suspended' })).toBe(true);
    expect(narrowsBrand(entry, { ...entry, direction: 'inbound_only' })).toBe(true);
    expect(narrowsBrand(null, entry)).toBe(false);
    expect(narrowsBrand(null, null)).toBe(false);
    expect(narrowsBrand({ ...entry, state: 'suspended' }, entry)).toBe(false); // a reinstatement widens
    expect(narrowsBrand(entry, { ...entry, display: { ...entry.display!, name: 'Tên mới' } })).toBe(false);
  });

  it('origins: every domestic carrier (empty) to a list narrows, a list to a longer one does not', () => {
    const some = { ...entry, allowedOrigins: ['MOBIFONE', 'VIETTEL'] };
    expect(narrowsBrand({ ...entry, allowedOrigins: [] }, some)).toBe(true);
    expect(narrowsBrand(some, { ...entry, allowedOrigins: ['VIETTEL'] })).toBe(true);
    expect(narrowsBrand(some, { ...entry, allowedOrigins: ['MOBIFONE', 'VIETTEL', 'VINAPHONE'] })).toBe(false);
    expect(narrowsBrand(some, { ...entry, allowedOrigins: [] })).toBe(false);
    expect(narrowsBrand(some, { ...some, narrowedOrigins: ['VIETTEL'] })).toBe(true);
  });

  it('validity: a later start, an earlier end or an earlier label expiry narrows', () => {
    const bounded = {
      ...entry,
      validFrom: '2026-01-01T00:00:00Z',
      validTo: '2027-01-01T00:00:00Z',
      labelExpiresAt: '2029-01-01T00:00:00Z',
    };
    expect(narrowsBrand(bounded, { ...bounded, validFrom: '2026-02-01T00:00:00Z' })).toBe(true);
    expect(narrowsBrand(bounded, { ...bounded, validTo: '2026-12-01T00:00:00Z' })).toBe(true);
    expect(narrowsBrand(bounded, { ...bounded, labelExpiresAt: '2028-01-01T00:00:00Z' })).toBe(true);
    expect(narrowsBrand({ ...bounded, validTo: null }, bounded)).toBe(true);
    expect(narrowsBrand(bounded, { ...bounded, validTo: null, validFrom: null })).toBe(false);
    expect(narrowsBrand(bounded, { ...bounded, labelExpiresAt: '2030-01-01T00:00:00Z' })).toBe(false);
  });

  it('counts only running lookups that hold less than the version', () => {
    const live = LOOKUP_PRESENCE.LIVE_SECONDS;
    const reports = [
      { instanceId: 'caught-up', appliedVersion: 10, ageSeconds: 0.2 },
      { instanceId: 'ahead', appliedVersion: 12, ageSeconds: 1 },
      { instanceId: 'behind', appliedVersion: 9, ageSeconds: 0.5 },
      { instanceId: 'behind-at-the-edge', appliedVersion: 3, ageSeconds: live },
      { instanceId: 'gone', appliedVersion: 1, ageSeconds: live + 0.01 },
    ];
    expect(lookupsBehind(reports, 10)).toEqual(['behind', 'behind-at-the-edge']);
    expect(lookupsBehind(reports, 1)).toEqual([]);
    expect(lookupsBehind([], 10)).toEqual([]);
  });
});
