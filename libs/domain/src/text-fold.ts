/**
 * Diacritics-insensitive matching of Vietnamese names: "bo cong an" finds "Bộ Công an", "đ" matches "d".
 * The same fixed table drives the database side (PostgreSQL translate(), since PGlite has no `unaccent`), so
 * what the API finds and what this function says match can never disagree.
 */

const BASE: Record<string, string> = {
  a: 'àáảãạăằắẳẵặâầấẩẫậ',
  e: 'èéẻẽẹêềếểễệ',
  i: 'ìíỉĩị',
  o: 'òóỏõọôồốổỗộơờớởỡợ',
  u: 'ùúủũụưừứửữự',
  y: 'ỳýỷỹỵ',
  d: 'đ',
};

function buildTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const [ascii, letters] of Object.entries(BASE)) {
    for (const ch of letters) {
      from += ch + ch.toUpperCase();
      to += ascii + ascii;
    }
  }
  return { from, to };
}

/** translate(text, FOLD_FROM, FOLD_TO): each accented letter (either case) → its lowercase base letter. */
export const { from: FOLD_FROM, to: FOLD_TO } = buildTable();

const FOLD_MAP = new Map([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i]]));

/**
 * Folds text for search: NFC (so decomposed input matches), accented letters to their base, ASCII lower case
 * (what PostgreSQL's lower() does in every locale), spaces collapsed. SQL: lower(translate(col, FOLD_FROM, FOLD_TO)).
 */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const folded = FOLD_MAP.get(ch) ?? ch;
    out += folded >= 'A' && folded <= 'Z' ? folded.toLowerCase() : folded;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A folded search term as a LIKE pattern matching anywhere, its wildcards escaped (ESCAPE '\'). */
export function containsPattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
