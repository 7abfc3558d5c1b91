import fc from 'fast-check';
import { answerJson, buildLookupEntry, classifyLookup, LookupEntry } from './lookup-entry';
import { tryParsePhoneNumber } from './phone-number';
import { LookupIndex } from './lookup-index';

const number = {
  e164: '+842439437142',
  status: 'active' as const,
  direction: 'outbound' as const,
  allowedOrigins: [],
  validFrom: null,
  validTo: null,
};
const brand = {
  status: 'active' as const,
  label: 'BO TTTT',
  displayName: 'Bộ TT&TT',
  displayNameAscii: 'Bo TT&TT',
  callReason: null,
  expiresAt: new Date('2029-01-01T00:00:00Z'),
};
const mic = { code: 'MIC', name: 'Bộ Thông tin và Truyền thông', status: 'active' as const };
const NOW = Date.parse('2027-06-01T00:00:00Z');

function indexWith(...entries: Array<LookupEntry | null>): LookupIndex {
  const index = new LookupIndex();
  index.load(
    entries.filter((e): e is LookupEntry => e !== null),
    1,
  );
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
      number: '+84912345678',
      verdict: 'none',
      status: 'unregistered',
      display: null,
      organization: null,
      originAllowed: null,
    });
  });

  it('allows every domestic carrier but never INTERNATIONAL when no origins are listed', () => {
    const index = indexWith(active);
    expect(index.lookup('+842439437142', NOW, 'VIETTEL')).toMatchObject({ verdict: 'brand', originAllowed: true });
    expect(index.lookup('+842439437142', NOW, 'INTERNATIONAL')).toMatchObject({
      verdict: 'block',
      status: 'active',
      display: null,
      originAllowed: false,
    });
  });

  it('blocks an origin outside the allowed list', () => {
    const index = indexWith(buildLookupEntry({ ...number, allowedOrigins: ['VIETTEL'] }, brand, [mic]));
    expect(index.lookup('+842439437142', NOW, 'VIETTEL').verdict).toBe('brand');
    expect(index.lookup('+842439437142', NOW, 'MOBIFONE')).toMatchObject({ verdict: 'block', originAllowed: false });
  });

  it('answers none, not block, for an origin a narrowing waiting for a second person removes', () => {
    const entry = buildLookupEntry({ ...number, allowedOrigins: ['VIETTEL', 'VINAPHONE'], narrowedOrigins: ['VIETTEL'] }, brand, [mic]);
    expect(entry).toMatchObject({ allowedOrigins: ['VIETTEL', 'VINAPHONE'], narrowedOrigins: ['VIETTEL'] });
    const index = indexWith(entry);
    expect(index.lookup('+842439437142', NOW, 'VIETTEL').verdict).toBe('brand');
    expect(index.lookup('+842439437142', NOW, 'VINAPHONE')).toMatchObject({
      verdict: 'none',
      status: 'active',
      display: null,
      originAllowed: false,
    });
    expect(index.lookup('+842439437142', NOW, 'MOBIFONE')).toMatchObject({ verdict: 'block', originAllowed: false });
    expect(index.lookup('+842439437142', NOW).verdict).toBe('brand');
    // From every domestic carrier to one: the others answer none until it is approved; abroad still blocks.
    const fromAll = indexWith(buildLookupEntry({ ...number, allowedOrigins: [], narrowedOrigins: ['VIETTEL'] }, brand, [mic]));
    expect(fromAll.lookup('+842439437142', NOW, 'MOBIFONE').verdict).toBe('none');
    expect(fromAll.lookup('+842439437142', NOW, 'INTERNATIONAL').verdict).toBe('block');
    // No narrowing pending: the entry has no narrowedOrigins at all (what is published stays byte-identical).
    expect(buildLookupEntry({ ...number, narrowedOrigins: null }, brand, [mic])).not.toHaveProperty('narrowedOrigins');
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

describe('answerJson', () => {
  const TAIL = ',"registryVersion":7,"ttlSeconds":60}';
  const variants = [
    buildLookupEntry(number, brand, [mic]),
    buildLookupEntry({ ...number, allowedOrigins: ['VIETTEL'] }, brand, [mic]),
    buildLookupEntry({ ...number, allowedOrigins: ['MOBIFONE', 'VIETTEL'], narrowedOrigins: ['VIETTEL'] }, brand, [mic]),
    buildLookupEntry({ ...number, direction: 'inbound_only' }, brand, [mic]),
    buildLookupEntry({ ...number, status: 'suspended' }, brand, [mic]),
    buildLookupEntry({ ...number, validTo: new Date('2027-01-01T00:00:00Z') }, brand, [mic]),
    buildLookupEntry(number, { ...brand, callReason: 'Thông báo "khẩn"\n' }, [mic]),
  ];

  it.each(variants.map((entry, i) => [i, entry]))(
    'is the JSON of resolveLookup plus the version, for entry %i and every origin',
    (_i, entry) => {
      const index = indexWith(entry);
      for (const origin of [undefined, 'VIETTEL', 'MOBIFONE', 'INTERNATIONAL']) {
        for (const e164 of ['+842439437142', '+84912345678']) {
          const compiled = index.get(e164);
          const json = answerJson(classifyLookup(compiled, NOW, origin), e164, compiled, origin, TAIL);
          expect(json).toBe(JSON.stringify({ ...index.lookup(e164, NOW, origin), registryVersion: 7, ttlSeconds: 60 }));
        }
      }
    },
  );
});

describe('LookupIndex.registeredKey', () => {
  // Registered numbers of each kind: fixed line (10-digit NSN), mobile (some starting with 8), toll-free.
  const registered = ['+842439437142', '+84912345678', '+84385551234', '+8418001234', '+842838221234', '+84841234567', '+84886543210'];
  const index = indexWith(...registered.map((e164) => buildLookupEntry({ ...number, e164 }, brand, [mic])));

  it('finds a registered number written plainly, exactly as the phone parser reads it', () => {
    const nsn = fc.constantFrom(...registered).map((e164) => e164.slice(3));
    const separator = fc.constantFrom('', ' ', '.', '-');
    const written = fc
      .tuple(
        nsn,
        fc.constantFrom('+84', '0', '+84 ', '+84.', '84', '84 '),
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 8 }), separator), { maxLength: 3, selector: ([at]) => at }),
      )
      .map(([digits, prefix, cuts]) => {
        let text = digits;
        // Single separators between digit groups (cut points distinct, applied from the end).
        for (const [at, sep] of cuts.sort((a, b) => b[0] - a[0])) if (at < text.length) text = text.slice(0, at) + sep + text.slice(at);
        return prefix + text;
      });
    fc.assert(
      fc.property(written, (input) => {
        const key = index.registeredKey(input);
        expect(key).toBeDefined();
        expect(key).toBe(tryParsePhoneNumber(input)?.e164);
      }),
      { numRuns: 2000 },
    );
  });

  it('is what the phone parser makes of any plain input, valid or not, registered or not', () => {
    const plain = fc
      .tuple(
        fc.constantFrom('+84', '0', '+84 ', '+84-'),
        fc.stringMatching(/^[1-9][0-9]{5,11}$/),
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constantFrom(' ', '.', '-')), { maxLength: 3, selector: ([at]) => at }),
      )
      .map(([prefix, digits, cuts]) => {
        let text = digits;
        for (const [at, sep] of cuts.sort((a, b) => b[0] - a[0])) if (at < text.length) text = text.slice(0, at) + sep + text.slice(at);
        return prefix + text;
      });
    fc.assert(
      fc.property(plain, (input) => {
        const key = index.plainKey(input)!;
        expect(key).toMatch(/^\+84[1-9]\d+$/);
        expect(tryParsePhoneNumber(key)?.e164).toBe(tryParsePhoneNumber(input)?.e164);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads "84" without "+" as the parser does, for any registered number', () => {
    // Numbers whose national form could itself be read as a national number starting with 84 stay with the parser.
    const digits = fc.stringMatching(/^[1-9][0-9]{6,10}$/);
    fc.assert(
      fc.property(digits, (nsn) => {
        const parsed = tryParsePhoneNumber(`+84${nsn}`)?.e164;
        if (!parsed) return;
        const withIt = indexWith(buildLookupEntry({ ...number, e164: parsed }, brand, [mic]));
        const key = withIt.registeredKey(`84${nsn}`);
        if (key !== undefined) expect(key).toBe(tryParsePhoneNumber(`84${nsn}`)?.e164);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves everything else to the parser', () => {
    for (const input of [
      '8491234567',
      '+84912345679',
      '0987654321',
      '+840912345678',
      '00912345678',
      '0912  345678',
      ' 0912345678',
      '0912345678.',
      '(024) 3943 7142',
      '+84 912 345 678 9',
      `0${'9'.repeat(40)}`,
    ]) {
      expect({ input, key: index.registeredKey(input) }).toEqual({ input, key: undefined });
    }
    for (const input of [
      '84912345678',
      '+840912345678',
      '00912345678',
      '0912  345678',
      ' 0912345678',
      '0912345678.',
      '(024) 3943 7142',
      '０９１２３４５６７８',
    ]) {
      expect({ input, key: index.plainKey(input) }).toEqual({ input, key: undefined });
    }
  });
});
