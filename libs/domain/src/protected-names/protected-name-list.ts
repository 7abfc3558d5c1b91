import { foldedWords } from '../display-name-policy';
import { DomainError } from '../errors';
import type { OrganizationKind } from '../lifecycle';

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

interface CompiledSpelling {
  compact: string;
  spelling: string;
  entry: ProtectedName;
}

/** The list, compiled once for matching. Immutable: a changed list is a new ProtectedNameList. */
export class ProtectedNameList {
  private readonly spellings: CompiledSpelling[];

  private constructor(readonly entries: readonly ProtectedName[]) {
    this.spellings = entries.flatMap((entry) =>
      [entry.term, ...entry.spellings]
        .map((spelling) => ({ compact: foldedWords(spelling).join(''), spelling, entry }))
        .filter((s) => s.compact !== ''),
    );
  }

  static of(entries: readonly ProtectedName[]): ProtectedNameList {
    return new ProtectedNameList(entries);
  }

  static readonly EMPTY = new ProtectedNameList([]);

  /** Every entry the text claims (each once, in list order). */
  findAll(text: string): ProtectedNameMatch[] {
    if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) return [];
    const words = foldedWords(text);
    const found = new Map<string, ProtectedNameMatch>();
    for (const s of this.spellings) {
      if (found.has(s.entry.id)) continue;
      if (joinsTo(words, s.compact)) found.set(s.entry.id, matchOf(s));
    }
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
        { term: match.term, spelling: match.spelling, field, fields: [{ field, message: `claims the protected state name "${match.term}"` }] },
      );
    }
  }
}

/** True when the compact form equals a join of consecutive whole words. */
function joinsTo(words: readonly string[], compact: string): boolean {
  for (let start = 0; start < words.length; start++) {
    let joined = '';
    for (let end = start; end < words.length && joined.length < compact.length; end++) {
      joined += words[end];
      if (joined === compact) return true;
    }
  }
  return false;
}

function matchOf(s: CompiledSpelling): ProtectedNameMatch {
  return { id: s.entry.id, term: s.entry.term, spelling: s.spelling, kinds: s.entry.kinds };
}
