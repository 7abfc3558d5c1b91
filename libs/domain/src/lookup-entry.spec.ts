import { buildLookupEntry, LookupEntry } from './lookup-entry';
import { LookupIndex } from './lookup-index';

const number = { e164: '+842439437142', status: 'active' as const, direction: 'outbound' as const, allowedOrigins: [], validFrom: null, validTo: null };
const brand = { status: 'active' as const, label: 'BO TTTT', displayName: 'Bộ TT&TT', displayNameAscii: 'Bo TT&TT', callReason: null, expiresAt: new Date('2029-01-01T00:00:00Z') };
const mic = { code: 'MIC', name: 'Bộ Thông tin và Truyền thông', status: 'active' as const };
const NOW = Date.parse('2027-06-01T00:00:00Z');

function indexWith(...entries: Array<LookupEntry | null>): LookupIndex {
  const index = new LookupIndex();
  index.load(entries.filter((e): e is LookupEntry => e !== null), 1);
  return index;
}

describe('buildLookupEntry', () => {
  it('publishes an active number with its brand', () => {
    expect(buildLookupEntry(number, brand, [mic])).toMatchObject({
      state: 'active',
      display: { label: 'BO TTTT', name: 'Bộ TT&TT', nameAscii: 'Bo TT&TT', callReason: null },
      organization: { code: 'MIC' },
    });
  });

  it.each(['pending', 'rejected', 'revoked'] as const)('does not publish a %s number', (status) => {
    expect(buildLookupEntry({ ...number, status }, brand, [mic])).toBeNull();
  });

  it('does not publish when the brandname or an organization up the chain is not approved', () => {
    expect(buildLookupEntry(number, { ...brand, status: 'pending' }, [mic])).toBeNull();
    expect(buildLookupEntry(number, brand, [mic, { ...mic, code: 'GOV', status: 'revoked' }])).toBeNull();
  });

  it('publishes as suspended when anything up the chain is suspended', () => {
    expect(buildLookupEntry(number, brand, [mic, { ...mic, code: 'GOV', status: 'suspended' }])?.state).toBe('suspended');
    expect(buildLookupEntry({ ...number, status: 'suspended' }, brand, [mic])?.state).toBe('suspended');
  });
});

describe('lookup answers', () => {
  const active = buildLookupEntry(number, brand, [mic]);

  it('brands an active number, with originAllowed null when no origin is given', () => {
    expect(indexWith(active).lookup('+842439437142', NOW)).toMatchObject({ verdict: 'brand', status: 'active', originAllowed: null });
  });

  it('answers unregistered for an unknown number', () => {
    expect(indexWith(active).lookup('+84912345678', NOW)).toEqual({
      number: '+84912345678', verdict: 'none', status: 'unregistered', display: null, organization: null, originAllowed: null,
    });
  });

  it('allows every domestic carrier but never INTERNATIONAL when no origins are listed', () => {
    const index = indexWith(active);
    expect(index.lookup('+842439437142', NOW, 'VIETTEL')).toMatchObject({ verdict: 'brand', originAllowed: true });
    expect(index.lookup('+842439437142', NOW, 'INTERNATIONAL')).toMatchObject({ verdict: 'block', status: 'active', display: null, originAllowed: false });
  });

  it('blocks an origin outside the allowed list', () => {
    const index = indexWith(buildLookupEntry({ ...number, allowedOrigins: ['VIETTEL'] }, brand, [mic]));
    expect(index.lookup('+842439437142', NOW, 'VIETTEL').verdict).toBe('brand');
    expect(index.lookup('+842439437142', NOW, 'MOBIFONE')).toMatchObject({ verdict: 'block', originAllowed: false });
  });

  it('blocks any call presenting an inbound-only number', () => {
    const index = indexWith(buildLookupEntry({ ...number, direction: 'inbound_only' }, brand, [mic]));
    expect(index.lookup('+842439437142', NOW)).toMatchObject({ verdict: 'block', status: 'inbound_only', display: null });
  });

  it('shows no name for a suspended number', () => {
    const index = indexWith(buildLookupEntry({ ...number, status: 'suspended' }, brand, [mic]));
    expect(index.lookup('+842439437142', NOW)).toMatchObject({ verdict: 'none', status: 'suspended', display: null });
  });

  it('applies time: validity window and label expiry end branding without a write', () => {
    const windowed = indexWith(
      buildLookupEntry({ ...number, validFrom: new Date('2027-01-01T00:00:00Z'), validTo: new Date('2027-07-01T00:00:00Z') }, brand, [mic]),
    );
    expect(windowed.lookup('+842439437142', Date.parse('2026-12-31T23:59:59Z')).status).toBe('unregistered');
    expect(windowed.lookup('+842439437142', NOW).verdict).toBe('brand');
    expect(windowed.lookup('+842439437142', Date.parse('2027-07-01T00:00:00Z')).status).toBe('unregistered');
    expect(indexWith(active).lookup('+842439437142', Date.parse('2029-01-01T00:00:00Z')).status).toBe('unregistered');
  });
});

describe('LookupIndex.apply', () => {
  const active = buildLookupEntry(number, brand, [mic])!;

  it('applies changes in order and reports a gap', () => {
    const index = indexWith();
    expect(index.apply([{ version: 2, number: active.number, op: 'upsert', entry: active }])).toBe(true);
    expect(index.lookup(active.number, NOW).verdict).toBe('brand');
    expect(index.apply([{ version: 3, number: active.number, op: 'remove', entry: null }])).toBe(true);
    expect(index.lookup(active.number, NOW).status).toBe('unregistered');
    expect(index.apply([{ version: 5, number: active.number, op: 'upsert', entry: active }])).toBe(false);
    expect(index.version).toBe(3);
  });
});
