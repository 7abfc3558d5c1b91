import { CONFUSABLE_PROTOTYPES } from './confusables';
import { DomainError } from './errors';
import {
  BrandnameInput,
  confusableSkeleton,
  isConfusableWith,
  labelKey,
  normalizeBrandname,
  normalizeCallReason,
  normalizeDisplayName,
  normalizeDisplayNameAscii,
  normalizeLabel,
  skeletonSimilarity,
  toAsciiName,
  withinOneEdit,
} from './display-name-policy';
import type { OrganizationKind } from './lifecycle';
import { assertProtectedNamesAllowed, ProtectedNameList } from './protected-names/protected-name-list';
import { protectedNamesOfSeed } from './protected-names/seed-2025';

/** The protected names as first installed (the five terms once in this file are among them). */
const SEED = ProtectedNameList.of(protectedNamesOfSeed());

/** Runs fn, expects a DomainError, returns it for closer checks. */
function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('label', () => {
  it.each([
    ['A', 'A'],
    ['BO TTTT', 'BO TTTT'],
    ['ABCDEFGHIJK', 'ABCDEFGHIJK'], // 11: the maximum
    ['Vietcombank', 'Vietcombank'], // case kept
    ['BO-TC_2.0', 'BO-TC_2.0'],
    ['  BO TTTT  ', 'BO TTTT'],
    ['BO   TTTT', 'BO TTTT'],
    ['BO\tTTTT\n', 'BO TTTT'],
    ['112A', '112A'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['ABCDEFGHIJKL', /12 characters long; the maximum is 11/],
    ['1900123', /only of digits/],
    ['113', /only of digits/],
    ['1900-123', /only of digits/],
    ['--', /at least one letter/],
    ['BỘ TTTT', /"Ộ" \(U\+1ED8\) at position 2 .*without diacritics: "O"/],
    ['Công an', /"ô" \(U\+00F4\) at position 2/],
    ['BO@TTTT', /"@" \(U\+0040\) at position 3/],
    ['BO&TTTT', /"&" \(U\+0026\) at position 3/],
    ['ＢＯ', /compatibility character "Ｂ" \(U\+FF22/],
    ['ВО', /Cyrillic letter "В" \(U\+0412\) at position 1/],
    ['BO\u200BTT', /zero-width character \(U\+200B\) at position 3/],
  ])('refuses %j with INVALID_LABEL', (input, message) => {
    const err = domainError(() => normalizeLabel(input));
    expect(err.code).toBe('INVALID_LABEL');
    expect(err.message).toMatch(message);
    expect(err.details?.fields?.[0].field).toBe('label');
  });

  it('refuses a non-string', () => {
    expect(domainError(() => normalizeLabel(42 as unknown as string)).message).toMatch(/must be a string, not number/);
  });

  it('keys labels case-insensitively, like upper(label) in the database', () => {
    expect(labelKey('Vietcombank')).toBe('VIETCOMBANK');
    expect(labelKey('bo tttt')).toBe(labelKey('BO TTTT'));
    expect(labelKey(' bo  tttt ')).toBe('BO TTTT');
  });
});

describe('display name', () => {
  it('normalises to NFC: a decomposed "Bộ" becomes the precomposed one', () => {
    const name = normalizeDisplayName('Bo\u0302\u0323 TT&TT');
    expect(name).toBe('B\u1ED9 TT&TT');
    expect(name).toBe('Bộ TT&TT');
  });

  it('collapses and trims whitespace of every kind', () => {
    expect(normalizeDisplayName('  Bộ \u00A0 Công\tan\n')).toBe('Bộ Công an');
    expect(normalizeDisplayName('Bộ\u3000Y tế')).toBe('Bộ Y tế');
  });

  it.each([
    'Bộ Thông tin và Truyền thông',
    'Tòa án nhân dân tối cao',
    'Viện kiểm sát nhân dân tối cao',
    'Ngân hàng Ngoại thương (VCB)',
    'Bộ TT&TT - Cục A05, Hà Nội: 1/2',
    "O'Brien Ørsted Straße", // other Latin letters with an ASCII spelling
    'Ủy ban nhân dân TP. Hồ Chí Minh',
  ])('accepts %j', (input) => {
    expect(normalizeDisplayName(input)).toBe(input);
  });

  it.each([
    ['a control character (U+0007)', 'Bộ\u0007TT'],
    ['a control character (U+007F)', 'Bộ\u007FTT'],
    ['a bidirectional control character (U+202E)', 'Bộ\u202ETT'],
    ['a bidirectional control character (U+202A)', 'Bộ\u202ATT'],
    ['a bidirectional control character (U+2066)', 'Bộ\u2066TT'],
    ['a bidirectional control character (U+2069)', 'Bộ\u2069TT'],
    ['a bidirectional control character (U+200E)', 'Bộ\u200ETT'],
    ['a bidirectional control character (U+200F)', 'Bộ\u200FTT'],
    ['a bidirectional control character (U+061C)', 'Bộ\u061CTT'],
    ['a zero-width character (U+200B)', 'Bộ\u200BTT'],
    ['a zero-width character (U+200C)', 'Bộ\u200CTT'],
    ['a zero-width character (U+200D)', 'Bộ\u200DTT'],
    ['a zero-width character (U+2060)', 'Bộ\u2060TT'],
    ['a zero-width character (U+FEFF)', 'Bộ\uFEFFTT'],
    ['an emoji or pictograph "👍" (U+1F44D)', 'Bộ👍TT'],
    ['an emoji or pictograph "☎" (U+260E)', 'Bộ☎TT'],
    ['an emoji or pictograph "🇻" (U+1F1FB)', 'Bộ🇻🇳TT'],
    ['an invisible emoji component (U+FE0F)', 'Bộ\uFE0FTT'],
    ['a private-use character (U+E000)', 'Bộ\uE000TT'],
    ['a private-use character (U+F0000)', 'Bộ\u{F0000}TT'],
    ['an unassigned code point (U+0378)', 'Bộ\u0378TT'],
    ['an unpaired surrogate (U+D800)', 'Bộ\uD800TT'],
    ['an unpaired surrogate (U+DC00)', 'Bộ\uDC00TT'],
    ['an invisible formatting character (U+00AD)', 'Bộ\u00ADTT'],
    ['a combining mark not used in Vietnamese (U+0336)', 'Bộ\u0336TT'],
    ['the Cyrillic letter "В" (U+0412)', 'Bộ\u0412TT'],
    ['the Greek letter "Ο" (U+039F)', 'Bộ\u039FTT'],
    ['the Han letter "部" (U+90E8)', 'Bộ部TT'],
    ['the compatibility character "Ｔ" (U+FF34', 'BộＴT'],
    ['the letter "ɑ" (U+0251, no ASCII spelling)', 'Bộ\u0251TT'],
    ['the digit "٣" (U+0663)', 'Bộ\u0663TT'],
    ['the character "@" (U+0040)', 'Bộ@TT'],
    ['the character "!" (U+0021)', 'Bộ!TT'],
    ['the character "–" (U+2013)', 'Bộ–TT'],
  ])('refuses %s, naming it and its position', (description, input) => {
    const err = domainError(() => normalizeDisplayName(input));
    expect(err.code).toBe('INVALID_DISPLAY_NAME');
    expect(err.message).toContain(description);
    expect(err.message).toContain('at position 3');
    expect(err.details?.fields).toEqual([{ field: 'displayName', message: err.message }]);
  });

  it('refuses stacked or stray combining marks (zalgo), even Vietnamese ones', () => {
    const stray = (input: string) => domainError(() => normalizeDisplayName(input)).message;
    expect(stray('Bộ\u0301')).toMatch(/stray or stacked combining mark \(U\+0301\) at position 3/); // ộ has two already
    expect(stray('Bx\u0301\u0301\u0301')).toMatch(/stray or stacked combining mark \(U\+0301\) at position 5/);
    expect(stray('Bộ \u0301TT')).toMatch(/stray or stacked combining mark \(U\+0301\) at position 4/); // on a space
    expect(normalizeDisplayName('Qu\u0309y')).toBe('Qủy'); // composes, so fine
    expect(normalizeDisplayName('Bx\u0309')).toBe('Bx\u0309'); // no precomposed form: one loose mark is tolerated
  });

  it('never echoes invisible characters in messages', () => {
    const err = domainError(() => normalizeDisplayName('Bộ\u202ETT'));
    expect(err.message).not.toMatch(/[\u202E]/);
  });

  it('applies the default length limits 2..32, counting code points after NFC', () => {
    expect(domainError(() => normalizeDisplayName('B')).message).toBe('displayName is 1 character long; the minimum is 2');
    expect(normalizeDisplayName('Bộ')).toBe('Bộ');
    // 32 "ộ" written decomposed: 96 code points in, 32 after NFC.
    const decomposed = 'o\u0302\u0323'.repeat(32);
    expect(normalizeDisplayName(decomposed)).toBe('ộ'.repeat(32));
    expect(domainError(() => normalizeDisplayName('ộ'.repeat(33))).message).toBe('displayName is 33 characters long; the maximum is 32');
    // Whitespace collapses before counting.
    expect(normalizeDisplayName(`  ${'a'.repeat(16)}     ${'b'.repeat(15)}  `)).toHaveLength(32);
  });

  it('honours custom limits', () => {
    const limits = { minLength: 5, maxLength: 10 };
    expect(domainError(() => normalizeDisplayName('Bộ Y', limits)).message).toMatch(/4 characters long; the minimum is 5/);
    expect(normalizeDisplayName('Bộ Y tế', limits)).toBe('Bộ Y tế');
    expect(domainError(() => normalizeDisplayName('Bộ Công an!', { minLength: 1, maxLength: 64 })).message).toMatch(/"!"/);
    expect(domainError(() => normalizeDisplayName('Bộ Tài chính', limits)).message).toMatch(/12 characters long; the maximum is 10/);
  });

  it('rejects impossible limits as a configuration error', () => {
    expect(() => normalizeDisplayName('Bộ', { minLength: 0, maxLength: 32 })).toThrow(RangeError);
    expect(() => normalizeDisplayName('Bộ', { minLength: 10, maxLength: 5 })).toThrow(RangeError);
    expect(() => normalizeDisplayName('Bộ', { minLength: 2, maxLength: 65 })).toThrow(RangeError); // column is varchar(64)
  });

  it('needs at least one letter', () => {
    expect(domainError(() => normalizeDisplayName('&&')).message).toMatch(/at least one letter/);
    expect(domainError(() => normalizeDisplayName('113')).message).toMatch(/at least one letter/);
  });

  it('refuses empty and oversized input', () => {
    expect(domainError(() => normalizeDisplayName('   ')).message).toMatch(/0 characters long; the minimum is 2/);
    expect(domainError(() => normalizeDisplayName('a'.repeat(5000))).message).toMatch(/too long/);
  });
});

describe('ASCII name', () => {
  it.each([
    ['Bộ TT&TT', 'Bo TT&TT'],
    ['Bộ Công an', 'Bo Cong an'],
    ['Đà Nẵng', 'Da Nang'],
    ['Tòa án nhân dân tối cao', 'Toa an nhan dan toi cao'],
    ['Ủy ban nhân dân TP. Hồ Chí Minh', 'Uy ban nhan dan TP. Ho Chi Minh'],
    ['Bo\u0302\u0323', 'Bo'], // decomposed input
    ['Ørsted Straße', 'Orsted Strasse'],
  ])('derives %j → %j', (input, expected) => {
    expect(toAsciiName(input)).toBe(expected);
    expect(toAsciiName(input)).toMatch(/^[\x20-\x7E]*$/);
  });

  it('validates an override: printable ASCII, trimmed, same length rule', () => {
    expect(normalizeDisplayNameAscii('  Bo  TT&TT ')).toBe('Bo TT&TT');
    expect(normalizeDisplayNameAscii('Ministry of ICT (MIC)')).toBe('Ministry of ICT (MIC)');
    const err = domainError(() => normalizeDisplayNameAscii('Bộ TT&TT'));
    expect(err.code).toBe('INVALID_DISPLAY_NAME');
    expect(err.message).toBe('displayNameAscii: the letter "ộ" (U+1ED9) at position 2 is not printable ASCII (write "o")');
    expect(domainError(() => normalizeDisplayNameAscii('Bo\u200BTT')).message).toMatch(/zero-width character \(U\+200B\) at position 3/);
    expect(domainError(() => normalizeDisplayNameAscii('B')).message).toMatch(/minimum is 2/);
    expect(domainError(() => normalizeDisplayNameAscii('x'.repeat(33))).message).toMatch(/33 characters long; the maximum is 32/);
    expect(normalizeDisplayNameAscii('x'.repeat(40), { minLength: 2, maxLength: 40 })).toHaveLength(40);
  });
});

describe('call reason', () => {
  it.each([null, undefined, '', '   '])('maps %j to null', (input) => {
    expect(normalizeCallReason(input)).toBeNull();
  });

  it('normalises like a display name', () => {
    expect(normalizeCallReason('  Thông báo  kết quả hồ sơ ')).toBe('Thông báo kết quả hồ sơ');
    expect(normalizeCallReason('Nhắc lịch tiêm (mũi 2)')).toBe('Nhắc lịch tiêm (mũi 2)');
    expect(normalizeCallReason('x')).toBe('x');
  });

  it('allows 64 characters, not 65', () => {
    expect(normalizeCallReason('ệ'.repeat(64))).toHaveLength(64);
    const err = domainError(() => normalizeCallReason('ệ'.repeat(65)));
    expect(err.code).toBe('INVALID_CALL_REASON');
    expect(err.message).toBe('callReason is 65 characters long; the maximum is 64');
  });

  it('refuses the characters a display name refuses', () => {
    const err = domainError(() => normalizeCallReason('Khẩn 🚨'));
    expect(err.code).toBe('INVALID_CALL_REASON');
    expect(err.message).toMatch(/^callReason: an emoji or pictograph "🚨" \(U\+1F6A8\) at position 6/);
    expect(domainError(() => normalizeCallReason('Khẩn\u202E')).code).toBe('INVALID_CALL_REASON');
  });
});

describe('confusable skeleton', () => {
  const variants = [
    'BO TTTT',
    'Bộ TT&TT',
    'B0 TTTT',
    'BỘ TT&TT',
    'Bo TT & TT',
    'B0 TT&TT',
    '\u0412\u041E \u0422\u0422\u0422\u0422', // Cyrillic ВО ТТТТ
    'Β\u039F ΤΤΤΤ', // Greek capitals
    '\uFF22\uFF2F \uFF34\uFF34\uFF34\uFF34', // full width ＢＯ ＴＴＴＴ
    'Bo.TTTT',
    'BO-TTTT',
    'B O TTTT',
    'bo_tttt',
    'BO\u200BTTTT', // invisible characters don't split it
    'Bo\u0302\u0323 TT&TT', // decomposed
    '𝐁𝐎 𝐓𝐓𝐓𝐓', // mathematical bold (NFKC)
  ];

  it.each(variants)('%j has the skeleton "botttt" and is confusable with "BO TTTT" and "Bộ TT&TT"', (variant) => {
    expect(confusableSkeleton(variant)).toBe('botttt');
    expect(isConfusableWith(variant, 'BO TTTT')).toBe(true);
    expect(isConfusableWith(variant, 'Bộ TT&TT')).toBe(true);
  });

  it.each([
    ['CONG AN', 'BO TTTT'],
    ['VKSND', 'TAND'],
    ['BO TC', 'BO TTTT'],
    ['BIDV', 'VCB'],
    ['Bộ Y tế', 'Bộ Tài chính'],
    ['TAND', 'TANDTC'],
  ])('%j and %j are not confusable', (a, b) => {
    expect(isConfusableWith(a, b)).toBe(false);
  });

  it.each([
    ['BIDV', 'B1DV'],
    ['BIDV', 'BlDV'],
    ['BIDV', 'B|DV'],
    ['SHB', '5HB'],
    ['MB BANK', 'M8 BANK'],
    ['MB', 'RNB'],
    ['WOORI', 'VVOORI'],
    ['Đông Á', 'Dong A'],
    ['Vietcombank', 'VIETC0MBANK'],
  ])('folds look-alike letters and digits: %j ~ %j', (a, b) => {
    expect(isConfusableWith(a, b)).toBe(true);
  });

  it.each([
    ['BIDV', 'BICLV'], // TR39: d ~ cl
    ['MB BANK', 'RNB BANK'], // m ~ rn
  ])('folds multi-letter look-alikes: %j ~ %j', (a, b) => {
    expect(isConfusableWith(a, b)).toBe(true);
  });

  it.each<[string[], string[], 'same' | 'near' | null]>([
    [['vletcombank'], ['vletcombankl'], 'near'], // VIETCOMBANK1
    [['bldv'], ['blvd'], 'near'], // neighbours swapped
    [['bldv'], ['bldx'], 'near'],
    [['vcb'], ['vcc'], 'near'],
    [['bldv'], ['bldv', 'x'], 'same'],
    [['mb'], ['mbs'], null], // too short for the one-edit rule
    [['bldv'], ['vcb'], null],
    [['tand'], ['tandtc'], null],
  ])('skeletonSimilarity(%j, %j) = %s', (a, b, expected) => {
    expect(skeletonSimilarity(a, b)).toBe(expected);
    expect(skeletonSimilarity(b, a)).toBe(expected);
  });

  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', true],
    ['abc', 'ab', true],
    ['abc', 'xabc', true],
    ['abcd', 'abdc', true],
    ['abc', 'cba', false],
    ['abc', 'a', false],
    ['abcd', 'badc', false],
    ['', 'a', true],
    ['ab', 'ba', true],
  ])('withinOneEdit(%j, %j) = %s', (a, b, expected) => {
    expect(withinOneEdit(a as string, b as string)).toBe(expected);
    expect(withinOneEdit(b as string, a as string)).toBe(expected);
  });

  it('treats names without letters or digits as confusable with nothing', () => {
    expect(confusableSkeleton('&& .')).toBe('');
    expect(isConfusableWith('&&', '--')).toBe(false);
  });

  it('keeps non-Latin letters rather than dropping them', () => {
    expect(confusableSkeleton('中国银行')).toBe('中国银行');
    expect(isConfusableWith('中国银行', '工商银行')).toBe(false);
  });

  it('maps every TR39 table entry to lower-case ASCII letters and digits', () => {
    expect(CONFUSABLE_PROTOTYPES.size).toBeGreaterThan(600);
    for (const [ch, prototype] of CONFUSABLE_PROTOTYPES) {
      expect(Array.from(ch)).toHaveLength(1);
      expect(prototype).toMatch(/^[a-z0-9]+$/);
    }
  });
});

describe('protected state names (the seed list)', () => {
  const termOf = (input: string) => SEED.find(input)?.term ?? null;

  it.each([
    ['BO TTTT', 'Bộ Khoa học và Công nghệ'], // the former Bộ TT&TT, merged in 2025
    ['Bộ TT&TT', 'Bộ Khoa học và Công nghệ'],
    ['Bộ Công an', 'Bộ Công an'],
    ['bo tai chinh', 'Bộ Tài chính'],
    ['B0 TTTT', 'Bộ Khoa học và Công nghệ'],
    ['\u0412\u041E \u0422\u0422\u0422\u0422', 'Bộ Khoa học và Công nghệ'],
    ['BO-TTTT', 'Bộ Khoa học và Công nghệ'],
    ['B O TTTT', 'Bộ Khoa học và Công nghệ'],
    ['CONG AN', 'Công an'],
    ['CONGAN', 'Công an'],
    ['Công an tỉnh Bắc Ninh', 'Công an'],
    ['C0NG-AN HN', 'Công an'],
    ['Viện kiểm sát nhân dân', 'Viện kiểm sát nhân dân'],
    ['VIENKIEMSAT', 'Viện kiểm sát nhân dân'],
    ['Vien KiemSat', 'Viện kiểm sát nhân dân'],
    ['Tòa án nhân dân', 'Tòa án nhân dân'],
    ['Toà án nhân dân', 'Tòa án nhân dân'],
    ['TOA AN', 'Tòa án nhân dân'],
    ['TOAAN', 'Tòa án nhân dân'],
    ['Chính phủ', 'Chính phủ'],
    ['Cổng TT Chinh Phu', 'Chính phủ'],
    ['CHINHPHU', 'Chính phủ'],
    ['BOYTE', 'Bộ Y tế'],
    ['B O Y T E', 'Bộ Y tế'],
    ['BOCONGAN', 'Bộ Công an'],
    ['BOTTTT', 'Bộ Khoa học và Công nghệ'],
    ['B0YTE', 'Bộ Y tế'],
    ['Ngân hàng BOTAICHINH', 'Bộ Tài chính'],
    // Glued to a jurisdiction or a code; the ministry marker with letters glued to it.
    ['CHINHPHUVN', 'Chính phủ'],
    ['VNCONGAN', 'Công an'],
    ['VIETVIENKIEMSAT', 'Viện kiểm sát nhân dân'],
    ['BOC ONGAN', 'Bộ Công an'],
    ['BOX YTE', 'Bộ Y tế'],
    ['BOAT TC', 'Bộ Tài chính'],
  ])('finds the term in %j → %s', (input, term) => {
    expect(termOf(input)).toBe(term);
  });

  it.each([
    'BOC',
    'Robot',
    'BIDV',
    'Vietcombank',
    'Ngân hàng Công Thương',
    'An Bình Bank',
    'Booking',
    'BOOKING VN',
    'Bosch',
    'Chinh phục',
    'CHINHPHUC',
    'Nhà Bè Bank',
    'Hobo',
    // Once refused by the substring rule; not claims: a department, a hotel chain, a word that merely contains letters.
    'Bộ phận CSKH',
    'Bong Sen Bank',
    'XTOAANX',
  ])('finds nothing in %j', (input) => {
    expect(termOf(input)).toBeNull();
  });

  it('lets the kinds that own a term use it, and refuses it to any other, naming the term', () => {
    const check =
      (kind: OrganizationKind, ...values: string[]) =>
      () =>
        assertProtectedNamesAllowed(
          SEED,
          kind,
          values.map((value, i) => ({ field: `f${i}`, value })),
        );
    expect(check('ministry', 'BO TTTT', 'Bộ TT&TT')).not.toThrow();
    expect(check('judicial', 'Tòa án nhân dân tối cao', 'Viện kiểm sát nhân dân tối cao')).not.toThrow();
    expect(check('court', 'Tòa án nhân dân tối cao')).not.toThrow();
    expect(check('bank', 'BIDV', 'Ngân hàng BIDV', 'Bộ phận CSKH')).not.toThrow();
    const err = domainError(check('bank', 'BIDV', 'Bộ phận CSKH', 'BOAT TC'));
    expect(err.code).toBe('RESERVED_NAME');
    expect(err.details).toMatchObject({ term: 'Bộ Tài chính', spelling: 'Bộ TC', field: 'f2' });
    expect(err.message).toBe(
      `f2 "BOAT TC" claims the protected state name "Bộ Tài chính" (as "Bộ TC"); only ministry organizations may use it` +
        ` (this organization is of kind 'bank')`,
    );
    expect(domainError(check('other', 'CONG AN')).details).toMatchObject({ term: 'Công an' });
    expect(domainError(check('court', 'Viện kiểm sát')).details).toMatchObject({ term: 'Viện kiểm sát nhân dân' });
  });
});

describe('normalizeBrandname', () => {
  it('normalises a ministry brandname end to end', () => {
    expect(
      normalizeBrandname(
        { label: '  BO  TTTT ', displayName: 'Bo\u0302\u0323  TT&TT', displayNameAscii: null, callReason: '  ' },
        'ministry',
        SEED,
      ),
    ).toEqual({
      label: 'BO TTTT',
      labelKey: 'BO TTTT',
      displayName: 'Bộ TT&TT',
      displayNameAscii: 'Bo TT&TT',
      callReason: null,
      skeletons: ['botttt'],
    });
  });

  it('keeps the label case, keys it upper case, and lists distinct skeletons', () => {
    const result = normalizeBrandname(
      { label: 'Vietcombank', displayName: 'Ngân hàng TMCP Ngoại thương', callReason: 'Xác thực giao dịch' },
      'bank',
      SEED,
    );
    expect(result).toEqual({
      label: 'Vietcombank',
      labelKey: 'VIETCOMBANK',
      displayName: 'Ngân hàng TMCP Ngoại thương',
      displayNameAscii: 'Ngan hang TMCP Ngoai thuong',
      callReason: 'Xác thực giao dịch',
      skeletons: ['vletcombank', 'nganhangtmcpngoalthuong'],
    });
  });

  it('uses a valid ASCII override and compares its skeleton too', () => {
    const result = normalizeBrandname({ label: 'BO TTTT', displayName: 'Bộ TT&TT', displayNameAscii: 'Bo Thong tin' }, 'ministry', SEED);
    expect(result.displayNameAscii).toBe('Bo Thong tin');
    expect(result.skeletons).toEqual(['botttt', 'bothongtln']);
    const blank = normalizeBrandname({ label: 'BO TTTT', displayName: 'Bộ TT&TT', displayNameAscii: '  ' }, 'ministry', SEED);
    expect(blank.displayNameAscii).toBe('Bo TT&TT');
  });

  it('reports each field with its own code', () => {
    const fail = (input: BrandnameInput) => domainError(() => normalizeBrandname(input, 'ministry', SEED));
    expect(fail({ label: 'BỘ', displayName: 'Bộ' }).code).toBe('INVALID_LABEL');
    expect(fail({ label: 'BO', displayName: 'Bộ\u202E' }).code).toBe('INVALID_DISPLAY_NAME');
    const ascii = fail({ label: 'BO', displayName: 'Bộ', displayNameAscii: 'Bộ' });
    expect(ascii.code).toBe('INVALID_DISPLAY_NAME');
    expect(ascii.details?.fields?.[0].field).toBe('displayNameAscii');
    expect(fail({ label: 'BO', displayName: 'Bộ', callReason: '🚨' }).code).toBe('INVALID_CALL_REASON');
  });

  it('checks a derived ASCII form against the length limit too', () => {
    // "ß" → "ss" makes the ASCII form longer than the name.
    const err = domainError(() =>
      normalizeBrandname({ label: 'STRASSE', displayName: 'ßßßß', displayNameAscii: undefined }, 'other', SEED, {
        minLength: 2,
        maxLength: 5,
      }),
    );
    expect(err.message).toBe('displayNameAscii (derived from displayName) is 8 characters long; the maximum is 5');
  });

  it('applies custom limits', () => {
    expect(() => normalizeBrandname({ label: 'BO YT', displayName: 'Bộ Y tế' }, 'ministry', SEED, { minLength: 8, maxLength: 32 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DISPLAY_NAME' }),
    );
  });

  const reserved: Array<[OrganizationKind, string, string, string | null, boolean]> = [
    ['bank', 'BIDV', 'Ngân hàng BIDV', null, true],
    ['bank', 'BO TC', 'Ngân hàng A', null, false],
    ['bank', 'NHA', 'Bộ phận CSKH Ngân hàng A', null, true], // a department, not a ministry
    ['bank', 'CONG AN', 'Ngân hàng A', null, false],
    ['bank', 'NHA', 'Ngân hàng A', 'Cong an phuong', false], // the ASCII override is checked too
    ['other', 'CHINHPHU', 'Cổng thông tin', null, false],
    ['ministry', 'BO TTTT', 'Bộ TT&TT', null, true],
    ['judicial', 'TANDTC', 'Tòa án nhân dân tối cao', null, true],
    ['judicial', 'VKSNDTC', 'Viện kiểm sát nhân dân tối cao', null, true],
    ['police', 'CSGT HN', 'Cảnh sát giao thông Hà Nội', null, true],
    ['ministry', 'CSGT HN', 'Cảnh sát giao thông Hà Nội', null, false],
    ['tax', 'CUC THUE', 'Cục Thuế', null, true],
    ['bank', 'TU VAN', 'Tư vấn Thuế ABC', null, true],
  ];

  it.each(reserved)('kind %s, label %j, name %j, ascii %j: allowed=%s', (kind, label, displayName, displayNameAscii, allowed) => {
    const run = () => normalizeBrandname({ label, displayName, displayNameAscii }, kind, SEED);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'RESERVED_NAME' }));
  });
});
