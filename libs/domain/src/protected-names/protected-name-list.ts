import { foldedWords } from '../name-folding';
import { DomainError } from '../errors';
import type { OrganizationKind } from '../lifecycle';
import { JURISDICTION_WORDS, PROVINCES_2025 } from './provinces-2025';

/**
 * Protected state names: one reviewed list (table protected_names, seeded from seed-2025.ts, changed only through
 * four-eyes proposals) of the names that announce a state body, each with the kinds of organization that may use
 * it. One matcher decides whether a text claims one: the registry refuses a label, display name, ASCII name or call
 * reason that claims a term its organization's kind does not own; the lookup screens callers' names with it.
 */
export interface ProtectedName {
  id: string;
  /** The canonical Vietnamese form, as people read it: "Công an", "Tòa án nhân dân", "Bộ Y tế". */
  term: string;
  /** Abbreviations and common spellings of the same name: "CA", "CSGT", "TAND". */
  spellings: readonly string[];
  /** The kinds of organization that may use it. */
  kinds: readonly OrganizationKind[];
  /** Where the name comes from (law, decree, official site). */
  source: string;
}

/** A term a text claims: the entry, and which of its spellings was found. */
export interface ProtectedNameMatch {
  id: string;
  term: string;
  spelling: string;
  kinds: readonly OrganizationKind[];
}

/** A text longer than this is not a name: it is not searched (callers bound their inputs well below it). */
const MAX_TEXT_LENGTH = 1024;

/**
 * How the matcher reads a text (all on folded words: diacritics, case, TR39 look-alikes, digits for letters folded;
 * split at spaces, dots, dashes and case turns; see foldedWords). A spelling is found:
 *
 * 1. As whole words: its folded letters equal a join of consecutive words, whatever the spacing ("CANH SAT",
 *    "Cảnh-sát", "CanhSat", "C.S.G.T", "BOC ONGAN" = "bocongan" = "Bộ Công an"). Every spelling.
 *
 * 2. Glued to a jurisdiction or a code at one end, inside a word ("CONGANHANOI", "CSGTHN", "PC02HCM", "VNCONGAN").
 *    Only spellings of at least two words and 4 letters, or written as an abbreviation of at least 3 capitals
 *    (CSGT, TAND, BHXH): 2-letter ones (CA, TA) would be everywhere. The rest of the word on the glued side must
 *    start (end, before the name) with a province, an abbreviation of one or a jurisdiction word (HN, TP, tỉnh,
 *    xã, VN...), or be at least two letters without a vowel (a code: "113", "HCM", "KV"), except "ch", "ng", "nh"
 *    after the name, which finish a Vietnamese syllable instead. So "Chinh phục" (chinhphu + c), "Công Anh"
 *    (congan + h), "TANDEM" (tand + em) and "CANDY" stay names, not claims.
 *
 * 3. The ministry marker "Bộ" with one or two letters glued to it, then a ministry's name or abbreviation as whole
 *    words: "BOX YTE" (bo·x + Y tế), "BOAT TC" (bo·at + TC), "BOXYTE". A spelling starting with the word "Bộ" is
 *    the marker's; what follows must be an abbreviation that is no syllable (no a, e, o, u: TC, YT, KHCN; not a
 *    jurisdiction like TP) or
 *    a name of at least two words (Y tế, Công an): "Bột cá" (bo·t + CA) and "Box TP.HCM" stay names. The one or two
 *    letters are the distance a reader's eye skips; three ("Bosch", "Booking") make another word. "Bộ" alone is not
 *    protected: "Bộ phận CSKH" is a bank's department.
 *
 * Then a match inside a longer one is dropped ("Công an" inside "Bộ Công an"), so the most specific term, with its
 * own kinds, decides. There is no allow-list of words: what is not a claim under these rules is not searched for.
 */
interface CompiledSpelling {
  compact: string;
  spelling: string;
  entry: ProtectedName;
  /** Rule 2 applies. */
  gluable: boolean;
}

/** A character trie of compact spellings: walked from each position of the text without building strings. */
class Trie {
  readonly children = new Map<number, Trie>();
  readonly found: CompiledSpelling[] = [];

  add(key: string, value: CompiledSpelling, from = 0): void {
    if (from === key.length) {
      if (!this.found.some((s) => s.entry === value.entry)) this.found.push(value);
      return;
    }
    const code = key.charCodeAt(from);
    let next = this.children.get(code);
    if (!next) this.children.set(code, (next = new Trie()));
    next.add(key, value, from + 1);
  }
}

interface Span {
  s: CompiledSpelling;
  start: number;
  end: number;
}

/** A text folded for matching: its words joined, and for each position the bounds of the word it falls in. */
interface FoldedText {
  compact: string;
  /** wordStart[p], wordEnd[p]: bounds of the word holding compact[p]; wordEnd[n] = n. */
  wordStart: Uint16Array;
  wordEnd: Uint16Array;
}

const VOWELS = new Set(['a', 'e', 'o', 'u', 'y'].map((c) => c.charCodeAt(0)));
/** Letters that finish a syllable the name began ("Công Anh", "Hải Quang"): not a code glued to it. */
const SYLLABLE_ENDINGS = ['ch', 'ng', 'nh'];
const MARKER = 'bo';
const MAX_MARKER_GAP = 2;

/** Provinces, their abbreviations and the jurisdiction words, folded like a text's words. */
const JURISDICTIONS: readonly string[] = [
  ...new Set(
    [...PROVINCES_2025.flatMap((p) => [p.name, ...p.abbreviations]), ...JURISDICTION_WORDS]
      .map((name) => foldedWords(name).join(''))
      .filter((j) => j !== ''),
  ),
];

/** The list, compiled once for matching. Immutable: a changed list is a new ProtectedNameList. */
export class ProtectedNameList {
  private readonly trie = new Trie();
  /** Rule 3: what follows the marker "Bộ" in the ministries' spellings, e.g. "yte", "tc", "congan". */
  private readonly afterMarker = new Trie();

  private constructor(readonly entries: readonly ProtectedName[]) {
    for (const entry of entries) {
      for (const spelling of [entry.term, ...entry.spellings]) {
        const words = foldedWords(spelling);
        const compact = words.join('');
        if (compact === '') continue;
        const abbreviation = !/\s/.test(spelling.trim()) && spelling === spelling.toUpperCase() && compact.length >= 3;
        const gluable = abbreviation || (words.length >= 2 && compact.length >= 4);
        this.trie.add(compact, { compact, spelling, entry, gluable });
        if (words.length >= 2 && words[0] === MARKER) {
          const rest = words.slice(1).join('');
          const acronym = rest.length >= 2 && !/[aeou]/.test(rest) && !JURISDICTIONS.includes(rest);
          if (acronym || words.length >= 3) this.afterMarker.add(rest, { compact: rest, spelling, entry, gluable: false });
        }
      }
    }
  }

  static of(entries: readonly ProtectedName[]): ProtectedNameList {
    return new ProtectedNameList(entries);
  }

  static readonly EMPTY = new ProtectedNameList([]);

  /** Every entry the text claims (each once, in the order they appear in the text). */
  findAll(text: string): ProtectedNameMatch[] {
    if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH || this.entries.length === 0) return [];
    const spans = this.spans(foldText(text));
    if (spans.length === 0) return [];
    // Longest first; a span inside a kept one is the same claim read less specifically.
    spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: Span[] = [];
    for (const span of spans) {
      if (!kept.some((k) => k.start <= span.start && span.end <= k.end)) kept.push(span);
    }
    kept.sort((a, b) => a.start - b.start);
    const found = new Map<string, ProtectedNameMatch>();
    for (const { s } of kept) if (!found.has(s.entry.id)) found.set(s.entry.id, matchOf(s));
    return [...found.values()];
  }

  /** The first term the text claims, or null. */
  find(text: string): ProtectedNameMatch | null {
    return this.findAll(text)[0] ?? null;
  }

  /** The first term the text claims that an organization of `kind` may not use, or null. */
  forbiddenFor(kind: OrganizationKind, text: string): ProtectedNameMatch | null {
    return this.findAll(text).find((m) => !m.kinds.includes(kind)) ?? null;
  }

  private spans(t: FoldedText): Span[] {
    const { compact, wordStart, wordEnd } = t;
    const n = compact.length;
    const spans: Span[] = [];
    for (let start = 0; start < n; start++) {
      const atWordStart = wordStart[start] === start;
      let node: Trie | undefined = this.trie;
      for (let end = start; end < n && node;) {
        node = node.children.get(compact.charCodeAt(end++));
        if (!node || node.found.length === 0) continue;
        const atWordEnd = wordEnd[end - 1] === end;
        for (const s of node.found) {
          // Rule 1: whole words; rule 2: glued to a jurisdiction or a code on the side that is not a word boundary.
          const whole = atWordStart && atWordEnd;
          const glued =
            s.gluable &&
            (atWordStart || gluedBefore(compact, wordStart[start], start)) &&
            (atWordEnd || gluedAfter(compact, end, wordEnd[end - 1]));
          if (whole || glued) spans.push({ s, start, end });
        }
      }
      // Rule 3: "bo" + one or two letters inside the same word, then a ministry's name as whole words.
      if (atWordStart && compact.startsWith(MARKER, start)) {
        for (let gap = 1; gap <= MAX_MARKER_GAP; gap++) {
          const from = start + MARKER.length + gap;
          if (from > wordEnd[start]) break;
          let node2: Trie | undefined = this.afterMarker;
          for (let end = from; end < n && node2;) {
            node2 = node2.children.get(compact.charCodeAt(end++));
            if (node2 && node2.found.length > 0 && wordEnd[end - 1] === end) {
              for (const s of node2.found) spans.push({ s, start, end });
            }
          }
        }
      }
    }
    return spans;
  }
}

/** The rest of the word after a name, compact[from, to): a jurisdiction, or a code (2+ letters, no vowel). */
function gluedAfter(compact: string, from: number, to: number): boolean {
  if (JURISDICTIONS.some((j) => from + j.length <= to && compact.startsWith(j, from))) return true;
  return to - from >= 2 && !hasVowel(compact, from, to) && !SYLLABLE_ENDINGS.some((e) => compact.startsWith(e, from));
}

/** The start of the word before a name, compact[from, to): ends with a jurisdiction, or a code. */
function gluedBefore(compact: string, from: number, to: number): boolean {
  if (JURISDICTIONS.some((j) => to - j.length >= from && compact.startsWith(j, to - j.length))) return true;
  return to - from >= 2 && !hasVowel(compact, from, to);
}

function foldText(text: string): FoldedText {
  const words = foldedWords(text);
  let compact = '';
  for (const w of words) compact += w;
  const n = compact.length;
  const wordStart = new Uint16Array(n + 1);
  const wordEnd = new Uint16Array(n + 1);
  let p = 0;
  for (const w of words) {
    const end = p + w.length;
    for (let i = p; i < end; i++) {
      wordStart[i] = p;
      wordEnd[i] = end;
    }
    p = end;
  }
  wordStart[n] = n;
  wordEnd[n] = n;
  return { compact, wordStart, wordEnd };
}

function hasVowel(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (VOWELS.has(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Throws RESERVED_NAME naming the term when one of `names` claims a protected name that `kind` may not use.
 * details: {term, spelling, field?} so the console can name the term in Vietnamese.
 */
export function assertProtectedNamesAllowed(
  list: ProtectedNameList,
  kind: OrganizationKind,
  names: ReadonlyArray<{ field: string; value: string | null | undefined }>,
): void {
  for (const { field, value } of names) {
    if (!value) continue;
    const match = list.forbiddenFor(kind, value);
    if (match) {
      throw new DomainError(
        'RESERVED_NAME',
        `${field} ${JSON.stringify(value)} claims the protected state name "${match.term}"` +
          `${match.spelling !== match.term ? ` (as "${match.spelling}")` : ''}; only ${match.kinds.join(', ')} organizations may use it` +
          ` (this organization is of kind '${kind}')`,
        {
          term: match.term,
          spelling: match.spelling,
          field,
          kinds: [...match.kinds],
          organizationKind: kind,
          fields: [{ field, message: `claims the protected state name "${match.term}"` }],
        },
      );
    }
  }
}

function matchOf(s: CompiledSpelling): ProtectedNameMatch {
  return { id: s.entry.id, term: s.entry.term, spelling: s.spelling, kinds: s.entry.kinds };
}
