import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_ACTIONS, REVIEW_ACTIONS, auditActionText, isKnownAuditAction } from '@app/domain';

/** Every .ts source of the registry but the specs. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

// Literals of the same shape that are field paths in error reports, not actions.
const NOT_ACTIONS = new Set(['brandname.label']);
const ENTITIES = [
  'auth',
  'user',
  'organization',
  'brandname',
  'number',
  'carrier',
  'carrier_api_key',
  'application',
  'invitation',
  'reorganization',
  'signing_key',
  'protected_name',
];

/**
 * The audit page and its CSV export name every action in Vietnamese. The actions are string literals in the
 * services plus a few families built from the life cycle's action lists: both are enumerated here, so a new
 * action without Vietnamese words fails this test rather than reaching a reader as a code.
 */
describe('audit actions in Vietnamese', () => {
  const literal = new Set<string>();
  for (const file of sources(join(__dirname, '..'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([a-z_]+\.[a-z_]+)'/g)) {
      if (ENTITIES.includes(m[1].split('.')[0]) && !NOT_ACTIONS.has(m[1])) literal.add(m[1]);
    }
  }
  const families = [
    ...['organization', 'brandname', 'number'].flatMap((e) => [
      ...REVIEW_ACTIONS.map((a) => `${e}.${a}`),
      `${e}.revision_approve`,
      `${e}.revision_reject`,
      `${e}.reinstate_request`,
      `${e}.reinstate_approve`,
      `${e}.reinstate_reject`,
    ]),
    ...ACCOUNT_ACTIONS.map((a) => `user.${a}`),
    ...['resubmit', 'request_changes', 'reject', 'approve'].map((a) => `application.${a}`),
    ...['confirm', 'deny'].map((d) => `number.holding_${d}`),
  ];

  it('finds the literal actions (the scan itself works)', () => {
    expect(literal.has('carrier_api_key.create')).toBe(true);
    expect(literal.size).toBeGreaterThan(20);
  });

  it.each([...new Set([...literal, ...families])].sort().map((a) => [a]))('%s has Vietnamese words', (action) => {
    expect(isKnownAuditAction(action)).toBe(true);
    expect(auditActionText(action)).not.toMatch(/[a-z]+_[a-z]+|\./);
  });

  it('composes words from the entity and the verb', () => {
    expect(auditActionText('number.approve')).toBe('Phê duyệt số điện thoại');
    expect(auditActionText('carrier_api_key.create')).toBe('Tạo khóa API nhà mạng');
    expect(auditActionText('something.odd')).toBe('Thao tác khác (something.odd)');
  });
});
