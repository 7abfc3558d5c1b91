import { CONFUSABLE_PROTOTYPES } from './confusables';

/**
 * Folding names for comparison: to ASCII (marks stripped, đ → d), to TR39 look-alike prototypes, to words. Shared by
 * the display-name rules (skeletons) and the protected-name matcher; a module of its own so neither imports the other.
 */

/**
 * Latin letters that NFD does not decompose, with their usual ASCII spelling. Everything else Latin either
 * decomposes to an ASCII letter plus marks (ộ, é, ñ) or has no ASCII equivalent and is refused (ɑ, ʙ, ᴛ: IPA and
 * small capitals are spoofing material, not names).
 */
const ASCII_SPELLING: Readonly<Record<string, string>> = {
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  ħ: 'h',
  Ħ: 'H',
  ŧ: 't',
  Ŧ: 'T',
  ı: 'i',
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
};
const ASCII_SPELLING_RE = new RegExp(`[${Object.keys(ASCII_SPELLING).join('')}]`, 'gu');

/** Look-alikes within ASCII, after lower-casing; only the clear ones (TR39 itself maps 0→O and 1, I, | → l). */
const LOOKALIKE_ASCII: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', i: 'l', '|': 'l', '5': 's', '8': 'b' };

/** Marks stripped, đ and the other undecomposable Latin letters spelled in ASCII. */
export function foldToAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(ASCII_SPELLING_RE, (ch) => ASCII_SPELLING[ch]);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** NFKC, TR39 prototypes, marks stripped, lower case, look-alike digits folded. Separators are kept. */
export function foldLookalikes(input: string): string {
  // ASCII needs none of the Unicode steps (normalisation and the TR39 table leave it unchanged): the common case, fast.
  if (isAscii(input)) return input.toLowerCase().replace(/[01i|58]/g, (ch) => LOOKALIKE_ASCII[ch]);
  // Every step folds one code point at a time (NFD first undoes any composition NFKC made), so the text folds as the
  // concatenation of its code points' foldings, each computed once and remembered: screening folds callers' names
  // at call set-up, where the whole pipeline per name costs about 10 µs. name-folding.spec holds the two equal.
  let out = '';
  for (const ch of input) {
    let folded = FOLDED_CODE_POINTS.get(ch);
    if (folded === undefined) {
      folded = foldLookalikesWhole(ch);
      if (FOLDED_CODE_POINTS.size < FOLDED_CODE_POINTS_MAX) FOLDED_CODE_POINTS.set(ch, folded);
    }
    out += folded;
  }
  return out;
}

/** Code points folded so far (bounded: Unicode is large, names use few). */
const FOLDED_CODE_POINTS = new Map<string, string>();
const FOLDED_CODE_POINTS_MAX = 50_000;

/** The whole pipeline on a text at once: what foldLookalikes computes per code point (exported for its spec). */
export function foldLookalikesWhole(input: string): string {
  const toPrototypes = (text: string): string => Array.from(text, (ch) => CONFUSABLE_PROTOTYPES.get(ch) ?? ch).join('');
  // Prototypes again after lower-casing: an upper-case look-alike missing from the table may have a lower-case one in it.
  const folded = toPrototypes(foldToAscii(toPrototypes(input.normalize('NFKC').normalize('NFD'))).toLowerCase()).toLowerCase();
  return folded.replace(/[01i|58]/g, (ch) => LOOKALIKE_ASCII[ch]);
}

/** TR39's multi-character prototypes among ASCII letters (m ~ rn, d ~ cl, w ~ vv), folded to the single letter. */
export function foldDigraphs(text: string): string {
  return text.replace(/rn/g, 'm').replace(/cl/g, 'd').replace(/vv/g, 'w');
}

/**
 * Folded words: the look-alike-folded text split at everything but letters and digits, and also where case turns
 * ("CanhSat", "CSGTHaNoi", "VPBank": before folding lower-cases it), so a join of consecutive words can find a name
 * written in camel case. Runs of single letters are joined ("C.S.G.T", "B O Y T E"): spacing letters out hides nothing.
 */
export function foldedWords(input: string): string[] {
  const words = foldLookalikes(splitCaseTurns(input.normalize('NFC')))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map(foldDigraphs);
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    if (Array.from(word).length === 1) {
      while (i + 1 < words.length && Array.from(words[i + 1]).length === 1) word += words[++i];
    }
    joined.push(word);
  }
  return joined;
}

/** "CanhSat" → "Canh Sat", "CSGTHaNoi" → "CSGT Ha Noi", "VPBank" → "VP Bank". */
function splitCaseTurns(text: string): string {
  return text.replace(/(\p{Ll})(?=\p{Lu})/gu, '$1 ').replace(/(\p{Lu})(?=\p{Lu}\p{Ll})/gu, '$1 ');
}
