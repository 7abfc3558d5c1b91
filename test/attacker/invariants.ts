import { DataSource } from 'typeorm';
import { compileEntry, INTERNATIONAL_ORIGIN, LookupAnswer, LookupEntry, resolveLookup } from '../../libs/domain/src/lookup-entry';

/**
 * The two promises the model checks after every step of one person's sequence.
 *
 * Branding: what a handset would be shown, computed from published_numbers exactly as a lookup does (compileEntry,
 * resolveLookup), for every number and every origin (each carrier, INTERNATIONAL, none). Against the seed, no
 * answer may become `brand` (a number new in the sequence counts as not branded before), and an answer that stays
 * `brand` must show the same display and organization. Armed numbers (see seed.ts) are left out.
 *
 * Audit truth: each audit event appended during the sequence names as its actor (actor_id, or actor_label for a
 * system actor) only someone who acted in it: an account the attacker used, the carrier whose key it used, the
 * CLI's label. An event naming nobody (a scheduler run, a failed sign-in of an unknown name) names no one falsely.
 */
export type Answers = Map<string, LookupAnswer>;

export interface Violation {
  invariant: 'branding' | 'audit' | 'server-error';
  detail: string;
}

export async function lookupAnswers(ds: DataSource, origins: readonly (string | undefined)[], now = Date.now()): Promise<Answers> {
  const published: Array<{ e164: string; entry: LookupEntry; jws: string | null }> = await ds.query(
    'SELECT e164, entry, jws FROM published_numbers',
  );
  const registered: Array<{ e164: string }> = await ds.query('SELECT DISTINCT e164 FROM caller_numbers');
  const entries = new Map(published.map((p) => [p.e164, p]));
  const numbers = new Set([...entries.keys(), ...registered.map((r) => r.e164)]);
  const answers: Answers = new Map();
  for (const e164 of numbers) {
    const p = entries.get(e164);
    const compiled = p ? compileEntry(p.entry, undefined, p.jws) : undefined;
    for (const origin of origins) answers.set(`${e164} from ${origin ?? '(no origin)'}`, resolveLookup(e164, compiled, now, origin));
  }
  return answers;
}

export function lookupOrigins(carrierCodes: readonly string[]): (string | undefined)[] {
  return [undefined, ...carrierCodes, INTERNATIONAL_ORIGIN];
}

const shown = (a: LookupAnswer) => JSON.stringify({ display: a.display, organization: a.organization });

export function brandingViolations(seed: Answers, now: Answers, armed: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  for (const [key, answer] of now) {
    if (answer.verdict !== 'brand' || armed.has(answer.number)) continue;
    const before = seed.get(key);
    if (!before || before.verdict !== 'brand') {
      out.push({ invariant: 'branding', detail: `${key}: ${before?.verdict ?? 'unregistered'} → brand as ${shown(answer)}` });
    } else if (shown(before) !== shown(answer)) {
      out.push({ invariant: 'branding', detail: `${key}: brand as ${shown(before)} → brand as ${shown(answer)}` });
    }
  }
  return out;
}

export async function lastAuditSeq(ds: DataSource): Promise<number> {
  const [row] = await ds.query('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_events');
  return row.seq;
}

export async function auditViolations(ds: DataSource, afterSeq: number, used: ReadonlySet<string>): Promise<Violation[]> {
  const events: Array<{ seq: number; action: string; actor_id: string | null; actor_role: string | null; actor_label: string | null }> =
    await ds.query(`SELECT e.seq, e.action, e.actor_id, e.actor_role, e.actor_label FROM audit_events e WHERE e.seq > $1 ORDER BY e.seq`, [
      afterSeq,
    ]);
  const out: Violation[] = [];
  for (const e of events) {
    const named = e.actor_id ?? e.actor_label;
    if (named === null || used.has(named)) continue;
    const [who] = e.actor_id
      ? await ds.query('SELECT username AS name FROM users WHERE id = $1 UNION ALL SELECT code FROM carriers WHERE id = $1', [e.actor_id])
      : [{ name: e.actor_label }];
    out.push({ invariant: 'audit', detail: `audit #${e.seq} ${e.action} names ${who?.name ?? named} (${e.actor_role}), who took no part` });
  }
  return out;
}
