import { DomainError } from '../errors';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../lifecycle';
import { foldedWords } from '../name-folding';
import { ISSUE_SPELLINGS, IMPERSONATIONS } from './fixtures/impersonations';
import { REAL_NAMES } from './fixtures/real-names';
import { assertProtectedNamesAllowed, ProtectedNameList } from './protected-name-list';
import { PROTECTED_NAMES_SEED_2025, protectedNamesOfSeed } from './seed-2025';

const SEED = ProtectedNameList.of(protectedNamesOfSeed());

/**
 * Real names the rules refuse, knowingly: a join of whole words cannot tell them from the claim.
 * "Bột cá Hải Phòng" reads "cá Hải Phòng" = "CA Hải Phòng"; "Thành Công An Khang" holds "Công An".
 */
const KNOWN_FALSE_POSITIVES: ReadonlyMap<string, string> = new Map([
  ['Bột cá Hải Phòng', 'Công an'],
  ['Thành Công An Khang', 'Công an'],
]);

const refusedToBank = IMPERSONATIONS.filter((text) => SEED.forbiddenFor('bank', text) !== null);
const falsePositives = REAL_NAMES.filter((text) => SEED.forbiddenFor('bank', text) !== null || SEED.forbiddenFor('other', text) !== null);
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const RATES =
  `refusal rate ${refusedToBank.length}/${IMPERSONATIONS.length} = ${percent(refusedToBank.length, IMPERSONATIONS.length)}, ` +
  `false-positive rate ${falsePositives.length}/${REAL_NAMES.length} = ${percent(falsePositives.length, REAL_NAMES.length)}`;

describe('the corpora, on the seed list', () => {
  beforeAll(() => console.log(`protected names (${PROTECTED_NAMES_SEED_2025.length} terms): ${RATES}`));

  it(`has at least 300 of each side (${IMPERSONATIONS.length} impersonations, ${REAL_NAMES.length} real names)`, () => {
    expect(IMPERSONATIONS.length).toBeGreaterThanOrEqual(300);
    expect(REAL_NAMES.length).toBeGreaterThanOrEqual(300);
    expect(new Set(REAL_NAMES).size).toBe(REAL_NAMES.length);
  });

  it(`refuses every impersonation to a bank (${RATES})`, () => {
    expect(IMPERSONATIONS.filter((text) => !refusedToBank.includes(text))).toEqual([]);
  });

  it(`accepts every real name for a bank and any business, but the known false positives`, () => {
    expect(falsePositives).toEqual([...KNOWN_FALSE_POSITIVES.keys()]);
    for (const [text, term] of KNOWN_FALSE_POSITIVES) expect(SEED.find(text)?.term).toBe(term);
  });

  it.each(ISSUE_SPELLINGS.map((s) => [s.text, s.owner] as const))('issue 25: %j is refused to a bank, allowed to %s', (text, owner) => {
    expect(SEED.forbiddenFor('bank', text)).not.toBeNull();
    expect(SEED.forbiddenFor(owner, text)).toBeNull();
    expect(SEED.find(text)?.kinds).toContain(owner);
  });
});

describe('the matcher', () => {
  const termOf = (text: string) => SEED.find(text)?.term ?? null;

  it.each([
    // 1. whole words, whatever the spacing, dots, dashes, case, diacritics, look-alikes
    ['Cảnh sát', 'Cảnh sát'],
    ['CANHSAT', 'Cảnh sát'],
    ['CanhSat', 'Cảnh sát'],
    ['Cảnh-sát', 'Cảnh sát'],
    ['c.a.n.h s.a.t', 'Cảnh sát'],
    ['C.S.G.T', 'Cảnh sát giao thông'],
    ['C0NG AN', 'Công an'],
    ['\u0421\u041ENG AN', 'Công an'], // Cyrillic С, О
    ['ＣＯＮＧ ＡＮ', 'Công an'], // full width
    ['BOC ONGAN', 'Bộ Công an'],
    ['Cơ quan CSĐT yêu cầu xác minh', 'Cảnh sát điều tra'],
    // 2. glued to a jurisdiction or a code
    ['CONGANHANOI', 'Công an'],
    ['CONGANHN', 'Công an'],
    ['CANHSAT113', 'Cảnh sát'],
    ['CSGTHCM', 'Cảnh sát giao thông'],
    ['PC02HN', 'Phòng nghiệp vụ Công an cấp tỉnh'],
    ['HNCONGAN', 'Công an'],
    ['CONGANXA', 'Công an'],
    // 3. the ministry marker with letters glued to it
    ['BOX YTE', 'Bộ Y tế'],
    ['BOXYTE', 'Bộ Y tế'],
    ['BOAT TC', 'Bộ Tài chính'],
    ['BOSS TC', 'Bộ Tài chính'],
    ['BOOK YT', 'Bộ Y tế'],
    // CA only with a jurisdiction
    ['CA TP Hà Nội', 'Công an'],
    ['CA phường 5', 'Công an'],
    ['CAHANOI', 'Công an'],
  ])('%j claims %s', (text, term) => {
    expect(termOf(text)).toBe(term);
  });

  it.each([
    'CA', // a shift, a fish
    'Cà phê Hà Nội',
    'Ca sáng',
    'CS', // customer service
    'CSKH',
    'TA',
    'Thuế', // "thuê" folds alike
    'Tư vấn Thuế ABC',
    'Cho thuê xe TP.HCM',
    'An ninh mạng Bkav',
    'Bộ',
    'Bộ phận CSKH',
    'Bộ sưu tập',
    'BTC', // Bitcoin, an organizing committee
    'Bông Sen',
    'BONG SEN',
    'Chinh phục',
    'CHINHPHUC', // chinhphu + c: the letter finishes a syllable
    'Công Anh',
    'CONGANH',
    'TANDEM', // tand + em: not a code
    'CANDY',
    'Bột cá',
    'Box TP.HCM', // TP is a jurisdiction, not a ministry
    'Bosch TC', // three letters glued make another word
    'Hà Nội',
    'Ngân hàng Công Thương',
    'Ca Huế',
    'VIETCONG', // viet + cong: no claim
  ])('%j claims nothing', (text) => {
    expect(termOf(text)).toBeNull();
  });

  it('reports the most specific term: a match inside a longer one is the same claim', () => {
    expect(SEED.findAll('Bộ Công an').map((m) => m.term)).toEqual(['Bộ Công an']);
    expect(SEED.findAll('Cảnh sát giao thông').map((m) => m.term)).toEqual(['Cảnh sát giao thông']);
    expect(SEED.findAll('TAND tối cao').map((m) => m.term)).toEqual(['Tòa án nhân dân tối cao']);
    // So Bộ Công an, a ministry and the police, may name itself, and a police unit may not claim the ministry.
    expect(SEED.forbiddenFor('ministry', 'Bộ Công an')).toBeNull();
    expect(SEED.forbiddenFor('police', 'Bộ Công an')).toBeNull();
    expect(SEED.forbiddenFor('court', 'Bộ Công an')?.term).toBe('Bộ Công an');
  });

  it('lists every term a text claims, in the order of the text, each once', () => {
    expect(SEED.findAll('UBND xã, Công an xã và UBND phường').map((m) => m.term)).toEqual(['Ủy ban nhân dân', 'Công an']);
    expect(SEED.forbiddenFor('provincial', 'UBND xã, Công an xã')?.term).toBe('Công an');
  });

  it('gives the older kind judicial every court and procuracy term', () => {
    const judicialTerms = PROTECTED_NAMES_SEED_2025.filter((s) => s.kinds.includes('judicial')).map((s) => s.term);
    const courtOrProcuracy = PROTECTED_NAMES_SEED_2025.filter((s) => s.kinds.includes('court') || s.kinds.includes('procuracy'));
    expect(judicialTerms).toEqual(courtOrProcuracy.map((s) => s.term));
    expect(judicialTerms.length).toBeGreaterThanOrEqual(10);
  });

  it('finds nothing in an empty list, a non-string or an oversized text', () => {
    expect(ProtectedNameList.EMPTY.find('Công an')).toBeNull();
    expect(SEED.find('')).toBeNull();
    expect(SEED.find(null as unknown as string)).toBeNull();
    expect(SEED.find(`${'x'.repeat(1024)} Công an`)).toBeNull();
    expect(SEED.find(`${'x '.repeat(400)}Công an`)?.term).toBe('Công an');
  });

  it('matches a changed list: a new term takes effect in a new list', () => {
    const entries = protectedNamesOfSeed();
    const more = ProtectedNameList.of([
      ...entries,
      { id: 'new', term: 'Kiểm toán Nhà nước', spellings: ['KTNN'], kinds: ['ministry'], source: 'test' },
    ]);
    expect(SEED.find('KTNN')).toBeNull();
    expect(more.forbiddenFor('bank', 'K.T.N.N')?.term).toBe('Kiểm toán Nhà nước');
  });
});

describe('assertProtectedNamesAllowed', () => {
  it('throws RESERVED_NAME naming the term, the spelling and the field', () => {
    let error: unknown;
    try {
      assertProtectedNamesAllowed(SEED, 'bank', [
        { field: 'label', value: 'VCB' },
        { field: 'callReason', value: null },
        { field: 'displayName', value: 'Cảnh sát hình sự' },
      ]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('RESERVED_NAME');
    expect((error as DomainError).details).toMatchObject({ term: 'Cảnh sát hình sự', spelling: 'Cảnh sát hình sự', field: 'displayName' });
  });
});

describe('the 2025 seed', () => {
  it('has well-formed entries: a term that fits the column, known kinds, a source', () => {
    for (const s of PROTECTED_NAMES_SEED_2025) {
      expect(Array.from(s.term).length).toBeLessThanOrEqual(64);
      expect(s.kinds.length).toBeGreaterThan(0);
      expect(s.kinds.every((k) => (ORGANIZATION_KINDS as readonly string[]).includes(k))).toBe(true);
      expect(s.source.trim()).not.toBe('');
    }
    const terms = PROTECTED_NAMES_SEED_2025.map((s) => s.term.toLowerCase());
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('gives each written form to one entry only, once (two entries claiming the same letters would be ambiguous)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of PROTECTED_NAMES_SEED_2025) {
      for (const spelling of [s.term, ...s.spellings]) {
        const key = foldedWords(spelling).join('');
        if (owner.has(key)) clashes.push(`${spelling} (${s.term}) = ${owner.get(key)}`);
        owner.set(key, s.term);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has the bodies the issue names: 14 ministries, police, courts, procuracies, local government, tax, customs, BHXH, NHNN', () => {
    const ministries = PROTECTED_NAMES_SEED_2025.filter((s) => s.term.startsWith('Bộ ') && s.kinds.includes('ministry'));
    expect(ministries).toHaveLength(14);
    const owners = new Set<OrganizationKind>(PROTECTED_NAMES_SEED_2025.flatMap((s) => s.kinds));
    for (const kind of ORGANIZATION_KINDS.filter((k) => k !== 'bank' && k !== 'other')) expect(owners).toContain(kind);
    expect(owners).not.toContain('bank');
    expect(owners).not.toContain('other');
  });
});
