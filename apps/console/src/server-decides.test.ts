import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The console shows the registry's four-eyes verdict (`fourEyes` in every GET) and never decides it again: no page
 * compares who submitted, changed or created something with the signed-in user to enable or disable a button.
 */
const SRC = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the console never decides four eyes itself', () => {
  const files = sources(SRC);

  it('has no four-eyes module of its own', () => {
    expect(files.map((f) => f.slice(SRC.length + 1))).not.toContain('four-eyes.ts');
    for (const f of files)
      expect({ f, imports: /from '\.\.?\/(\.\.\/)*four-eyes'/.test(readFileSync(f, 'utf8')) }).toEqual({ f, imports: false });
  });

  it('never compares an author with the signed-in user', () => {
    const authorship =
      /\b(submittedBy|lastChangedBy|createdBy|statusChangedBy|by)\b[^;\n]*[!=]==|[!=]==[^;\n]*\.(submittedBy|lastChangedBy|createdBy|statusChangedBy)\b/;
    for (const f of files) {
      const hits = readFileSync(f, 'utf8')
        .split('\n')
        .filter((line) => authorship.test(line));
      expect({ f, hits }).toEqual({ f, hits: [] });
    }
  });

  it('reads the verdict where it takes a reviewing step', () => {
    const text = (name: string) => readFileSync(join(SRC, name), 'utf8');
    for (const page of [
      'pages/organization/review/ReviewActions.tsx',
      'pages/review-queue/QueueRow.tsx',
      'pages/users/UsersTable.tsx',
      'pages/application/RegulatorDecision.tsx',
      'pages/protected-names/ProposalsTable.tsx',
    ]) {
      expect({ page, verdict: /\bfourEyes\b/.test(text(page)) }).toEqual({ page, verdict: true });
    }
  });
});
