import { SyncEntry } from '../sync-entry';
import { CarrierCopy } from './carrier-copy';
import { changeRecords, CopyFileError, entryRecord, headerRecord, replayRecords } from './copy-records';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');

function entry(number: string, over: Partial<SyncEntry> = {}): SyncEntry {
  return {
    number,
    status: 'active',
    verdict: 'brand',
    display: { label: 'BO TC', name: 'Bộ Tài chính', nameAscii: 'Bo Tai chinh', callReason: null },
    organization: { code: 'MOF', name: 'Bộ Tài chính' },
    direction: 'outbound',
    allowedOrigins: [],
    validFrom: null,
    validTo: null,
    labelExpiresAt: null,
    ...over,
  } as SyncEntry;
}

describe('CarrierCopy', () => {
  it('answers unregistered for an unknown number and applies changes in version order, skipping old ones', () => {
    const copy = new CarrierCopy();
    copy.reset(10, [entry('+84941000001')]);
    expect(copy.answer('+84941000002', T0)).toMatchObject({ status: 'unregistered', verdict: 'none' });
    expect(
      copy.apply([
        { version: 9, number: '+84941000001', op: 'remove', entry: null },
        { version: 11, number: '+84941000002', op: 'upsert', entry: entry('+84941000002') },
        { version: 12, number: '+84941000001', op: 'remove', entry: null },
      ]),
    ).toBe(2);
    expect(copy.version).toBe(12);
    expect(copy.answer('+84941000001', T0).status).toBe('unregistered');
    expect(copy.answer('+84941000002', T0).verdict).toBe('brand');
  });

  it('brands a number whose validity starts later from validFrom on, and stops at validTo', () => {
    const copy = new CarrierCopy();
    const later = entry('+84941000003', {
      status: 'unregistered',
      verdict: 'none',
      display: null,
      organization: null,
      validFrom: new Date(T0 + HOUR).toISOString(),
      validTo: new Date(T0 + 2 * HOUR).toISOString(),
      answerWhenValid: { status: 'active', verdict: 'brand', display: entry('x').display, organization: entry('x').organization },
    });
    copy.reset(1, [later]);
    expect(copy.answer('+84941000003', T0).verdict).toBe('none');
    expect(copy.answer('+84941000003', T0 + HOUR).verdict).toBe('brand');
    expect(copy.answer('+84941000003', T0 + 2 * HOUR).verdict).toBe('none');
  });
});

describe('copy records', () => {
  const base = headerRecord(5, 2) + entryRecord(entry('+84941000001')) + entryRecord(entry('+84941000002'));

  it('replays the base, the changes and cursor advances', () => {
    const text =
      base +
      changeRecords([{ version: 6, number: '+84941000001', op: 'remove', entry: null }], 6) +
      changeRecords([], 9) +
      changeRecords([{ version: 10, number: '+84941000003', op: 'upsert', entry: entry('+84941000003') }], 10);
    const copy = new CarrierCopy();
    expect(replayRecords(text, copy)).toEqual({ changeLines: 3, hasNames: true });
    expect(copy.version).toBe(10);
    expect(copy.size).toBe(2);
    expect(copy.answer('+84941000001', T0).status).toBe('unregistered');
    expect(copy.answer('+84941000003', T0).verdict).toBe('brand');
  });

  it('drops a last line cut short by a crash, and refuses damage elsewhere', () => {
    const cut = base + changeRecords([{ version: 6, number: '+84941000001', op: 'remove', entry: null }], 6).slice(0, 20);
    const copy = new CarrierCopy();
    replayRecords(cut, copy);
    expect(copy.version).toBe(5);
    expect(copy.size).toBe(2);
    expect(() => replayRecords(`${base}not json\n`, new CarrierCopy())).toThrow(CopyFileError);
    expect(() => replayRecords(headerRecord(5, 3) + entryRecord(entry('+84941000001')), new CarrierCopy())).toThrow(/1 of 3/);
  });
});

describe('protected names in the copy', () => {
  const congAn = { id: 'n1', term: 'Công an', spellings: ['CA'], kinds: ['police' as const], source: 'Luật CAND 2018' };
  const toaAn = { id: 'n2', term: 'Tòa án nhân dân', spellings: ['TAND'], kinds: ['court' as const], source: 'Luật TCTAND' };

  it('applies name changes with number changes in version order, and survives a removal through the file', () => {
    const text =
      headerRecord(5, 1, [{ ...congAn, version: 4 }]) +
      entryRecord(entry('+84941000001')) +
      changeRecords([{ version: 7, number: '+84941000002', op: 'upsert', entry: entry('+84941000002') }], 8, [
        { version: 6, id: 'n2', op: 'upsert', entry: { ...toaAn, version: 6 } },
        { version: 8, id: 'n1', op: 'remove', entry: null },
      ]);
    const copy = new CarrierCopy();
    expect(replayRecords(text, copy)).toEqual({ changeLines: 3, hasNames: true });
    expect(copy.version).toBe(8);
    expect(copy.size).toBe(2);
    expect(copy.protectedNames()).toEqual([{ ...toaAn, version: 6 }]);
    expect(copy.protectedNameList.find('TAND')?.term).toBe('Tòa án nhân dân');
    expect(copy.protectedNameList.find('Công an')).toBeNull();
  });

  it('says when a file was made before protected names were published', () => {
    const old = `${JSON.stringify({ format: 'vbr-carrier-copy/1', registryVersion: 5, count: 0 })}\n`;
    expect(replayRecords(old, new CarrierCopy()).hasNames).toBe(false);
  });
});
