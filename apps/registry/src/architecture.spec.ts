import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The boundaries of docs/architecture.md, checked on the sources: SQL lives in repositories (and migrations),
 * only the write pipeline audits and publishes, statuses change through the life cycle, feature modules are not
 * global, services poll only through PeriodicJob, and neither app imports the other. A rule broken on purpose is listed in ALLOWED with its reason.
 */
const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const APPS = [...sources(join(ROOT, 'apps/registry/src')), ...sources(join(ROOT, 'apps/lookup/src'))];
const rel = (path: string) => relative(ROOT, path);

type Rule = 'sql' | 'pipeline' | 'timers';

/** Places that break a rule on purpose, and why. */
const ALLOWED: Record<Rule, Record<string, string>> = {
  sql: {
    'apps/lookup/src/feed/feed-follower.service.ts': "LISTEN on the follower's own connection is connection set-up, not data access",
    'apps/registry/src/common/locking.ts': 'the row lock every repository uses',
  },
  pipeline: {
    'apps/registry/src/publishing/timed-publisher.service.ts':
      "the publisher's own time-driven republication (no registry write, nothing to audit)",
    'apps/registry/src/signing/resign.service.ts':
      "the publisher's own re-signing after a key rotation (no registry write, nothing to audit)",
  },
  timers: {
    'apps/lookup/src/sync/trailer-signatures.service.ts': 'a bounded wait for one signature during one request, not a job',
    'apps/registry/src/publishing/lookup-propagation.service.ts': "a bounded wait for the lookups during one write's answer, not a job",
  },
};

function violations(pattern: RegExp, allowed: (file: string) => boolean, rule?: Rule): string[] {
  const found: string[] = [];
  for (const file of APPS) {
    if (allowed(rel(file)) || (rule && ALLOWED[rule][rel(file)])) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

const isRepository = (file: string) => file.endsWith('.repository.ts');

describe('the architecture (docs/architecture.md)', () => {
  it('reads the sources it checks', () => {
    expect(APPS.length).toBeGreaterThan(100);
  });

  it('keeps SQL and the ORM in repositories', () => {
    const orm =
      /\bem\.(query|find\w*|count\w*|exists\w*|update|insert|delete|save|getRepository)\(|\.createQueryBuilder\(|dataSource\.(query|getRepository)\(/;
    expect(violations(orm, isRepository, 'sql')).toEqual([]);
  });

  it('writes no status word into SQL outside a repository (status sets come from libs/domain)', () => {
    const literal = /\bstatus\s*(=|<>|IN|in)\s*\(?\s*'(pending|active|suspended|revoked|rejected|merged|confirmed|scheduled|submitted)'/;
    expect(violations(literal, () => false)).toEqual([]);
  });

  it('audits and publishes only through the write pipeline', () => {
    const bypass = /\b(audit|auditService)\.record\(|\bpublisher\.publish\(/;
    expect(violations(bypass, (file) => file === 'apps/registry/src/pipeline/write-pipeline.ts', 'pipeline')).toEqual([]);
  });

  it('sets no status literal outside the life cycle (statuses come from libs/domain transitions and constants)', () => {
    const assigned = /\bstatus\s*[:=]\s*'(pending|active|suspended|revoked|rejected|merged|submitted|approved|scheduled)'/;
    expect(violations(assigned, (file) => isRepository(file) || file.includes('/dto/') || file.includes('/demo/'))).toEqual([]);
  });

  it('polls only through PeriodicJob (no overlapping rounds, no timer keeping the process up, one way of logging retries)', () => {
    expect(violations(/\bsetInterval\(/, () => false)).toEqual([]);
    expect(violations(/\bsetTimeout\(/, (file) => !file.endsWith('.service.ts'), 'timers')).toEqual([]);
  });

  it('makes no feature module global, and neither app imports the other', () => {
    expect(violations(/@Global\(\)/, () => false)).toEqual([]);
    const registry = APPS.filter((f) => rel(f).startsWith('apps/registry'));
    const lookup = APPS.filter((f) => rel(f).startsWith('apps/lookup'));
    const crossing = (files: string[], other: string) =>
      files.filter((f) => new RegExp(`from '(\\.\\./)+${other}/|from 'apps/${other}`).test(readFileSync(f, 'utf8'))).map(rel);
    expect(crossing(registry, 'lookup')).toEqual([]);
    expect(crossing(lookup, 'registry')).toEqual([]);
  });
});
