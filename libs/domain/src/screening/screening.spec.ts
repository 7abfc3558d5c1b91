import { ProtectedNameList } from '../protected-names/protected-name-list';
import { PublishedProtectedName } from '../protected-names/published-protected-name';
import { PublishedNames } from './published-names';
import { screenCaller } from './screen';

const CONG_AN: PublishedProtectedName = {
  id: 'a',
  term: 'Công an',
  spellings: ['CA', 'CAND'],
  kinds: ['police'],
  source: 'Luật CAND 2018',
};
const TOA_AN: PublishedProtectedName = {
  id: 'b',
  term: 'Tòa án nhân dân',
  spellings: ['TAND'],
  kinds: ['court', 'judicial'],
  source: 'Luật TCTAND',
};
const list = ProtectedNameList.of([CONG_AN, TOA_AN]);
const police = { organization: { code: 'CAHN', name: 'Công an Hà Nội' }, kind: 'police' as const };
const bank = { organization: { code: 'VCB', name: 'Vietcombank' }, kind: 'bank' as const };

describe('screenCaller', () => {
  it('registered: a branded number whose organization owns every term claimed, or claims none', () => {
    expect(screenCaller(list, { displayName: 'Công an Hà Nội' }, police)).toEqual({
      verdict: 'registered',
      term: 'Công an',
      organization: police.organization,
    });
    expect(screenCaller(list, { displayName: 'Vietcombank' }, bank)).toEqual({ verdict: 'registered', organization: bank.organization });
  });

  it('impersonation: a claimed term the number is not branded for, by display name or sender ID', () => {
    expect(screenCaller(list, { displayName: 'CONG AN' }, bank)).toEqual({ verdict: 'impersonation', term: 'Công an' });
    expect(screenCaller(list, { displayName: 'CONG AN' }, null)).toEqual({ verdict: 'impersonation', term: 'Công an' });
    expect(screenCaller(list, { displayName: 'Nguyễn Văn A', senderId: 'TAND' }, null)).toEqual({
      verdict: 'impersonation',
      term: 'Tòa án nhân dân',
    });
    // The police may say "Công an" but not "TAND": the term refused is named.
    expect(screenCaller(list, { displayName: 'Công an', senderId: 'TAND' }, police)).toEqual({
      verdict: 'impersonation',
      term: 'Tòa án nhân dân',
    });
    // An organization whose kind is not known yet owns nothing.
    expect(screenCaller(list, { displayName: 'Công an' }, { ...police, kind: undefined }).verdict).toBe('impersonation');
  });

  it('clean: nothing protected claimed and no brand', () => {
    expect(screenCaller(list, { displayName: 'Nguyễn Văn An' }, null)).toEqual({ verdict: 'clean' });
    expect(screenCaller(ProtectedNameList.EMPTY, { displayName: 'Công an' }, null)).toEqual({ verdict: 'clean' });
  });
});

describe('PublishedNames', () => {
  it('loads, applies upserts and removals in version order, and recompiles the list', () => {
    const names = new PublishedNames();
    names.load([{ entry: CONG_AN, version: 3, jws: 'j3' }], 5);
    expect(names.lastChange).toBe(5);
    expect(names.list.find('CAND')?.term).toBe('Công an');
    expect(
      names.apply([
        { version: 5, id: 'b', op: 'upsert', entry: TOA_AN, jws: 'old' }, // at or below the last change: skipped
        { version: 7, id: 'b', op: 'upsert', entry: TOA_AN, jws: 'j7' },
        { version: 8, id: 'a', op: 'remove', entry: null, jws: null },
      ]),
    ).toBe(2);
    expect(names.lastChange).toBe(8);
    expect(names.values()).toEqual([{ entry: TOA_AN, version: 7, jws: 'j7' }]);
    expect(names.list.find('CAND')).toBeNull();
    expect(names.list.find('TAND')?.term).toBe('Tòa án nhân dân');
  });
});

describe('CachedNameMatcher', () => {
  it('answers as the list does, and a new list forgets what the old one matched', () => {
    const names = new PublishedNames();
    names.load([{ entry: CONG_AN, version: 1, jws: 'j' }], 1);
    const before = names.matcher;
    expect(before.findAll('Công an phường')).toEqual(list.findAll('Công an phường').filter((m) => m.id === 'a'));
    expect(before.findAll('Công an phường')).toBe(before.findAll('Công an phường')); // remembered
    // Screening never alters what is remembered: a sender ID's terms are added to a copy.
    screenCaller(before, { displayName: 'Công an phường', senderId: 'TAND' }, null);
    expect(before.findAll('Công an phường')).toHaveLength(1);
    names.apply([{ version: 2, id: 'a', op: 'remove', entry: null, jws: null }]);
    expect(names.matcher).not.toBe(before);
    expect(names.matcher.findAll('Công an phường')).toEqual([]);
  });
});
