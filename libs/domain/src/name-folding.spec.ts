import { CONFUSABLE_PROTOTYPES } from './confusables';
import { foldLookalikes, foldLookalikesWhole } from './name-folding';
import { IMPERSONATIONS } from './protected-names/fixtures/impersonations';
import { REAL_NAMES } from './protected-names/fixtures/real-names';
import { PROTECTED_NAMES_SEED_2025 } from './protected-names/seed-2025';

/** A small deterministic generator, so a failure names a reproducible text. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Vietnamese letters (composed and decomposed), combining marks, full-width and compatibility forms, look-alikes from
// other scripts (the TR39 table's own keys), digits, separators.
const ALPHABET = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 .-_&/',
  ...'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
  ...'ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ',
  '\u0300',
  '\u0301',
  '\u0303',
  '\u0309',
  '\u0323',
  '\u0302',
  '\u0306',
  '\u031B',
  '\u0308',
  ...'ＡＢＣｃｏｎｇ０１ﬁﬂ',
  ...'ВОТСАНКМРЕХ',
  ...'воткмрех',
  ...'ΑΒΕΗΙΚΜΝΟΡΤΥΧ',
  'ß',
  'ẞ',
  'ø',
  'ł',
  'ı',
  'æ',
  'œ',
  ...[...CONFUSABLE_PROTOTYPES.keys()].filter((_, i) => i % 7 === 0),
];

describe('foldLookalikes: one code point at a time equals the whole pipeline', () => {
  const texts = [
    ...IMPERSONATIONS,
    ...REAL_NAMES,
    ...PROTECTED_NAMES_SEED_2025.flatMap((s) => [s.term, ...s.spellings]),
    ...PROTECTED_NAMES_SEED_2025.map((s) => s.term.normalize('NFD')),
  ];

  it(`on the corpora and the seed (${texts.length} texts)`, () => {
    expect(texts.filter((t) => foldLookalikes(t) !== foldLookalikesWhole(t))).toEqual([]);
  });

  it('on 20,000 random texts of Vietnamese, marks, compatibility forms and look-alikes', () => {
    const rnd = mulberry32(25);
    const differing: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(rnd() * 24);
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
      if (foldLookalikes(text) !== foldLookalikesWhole(text)) differing.push(text);
    }
    expect(differing.slice(0, 10)).toEqual([]);
  });
});
