import type { Violation } from './invariants';
import { AttackerModel, describeOutcome, Outcome, Scenario } from './runner';
import { SEED_NUMBERS } from './seed';
import type { Step } from './steps';

const e164 = (national: string) => `+84${national.slice(1)}`;

/**
 * Survey mode: every violating sequence, minimized (its steps after the first violation cut, then single steps
 * dropped while it still breaks the same promise), grouped by which operations the minimal sequence uses.
 */
export interface Finding {
  scenario: Scenario;
  outcome: Outcome;
  category: string;
}

function breaks(o: Outcome, invariant: Violation['invariant']): boolean {
  return o.violations.some((v) => v.invariant === invariant);
}

/** The steps without step i; pins to accounts gained in later steps move down one, to one gained in step i go. */
function without(steps: Step[], i: number): Step[] {
  const repin = (pin?: string) => {
    const k = pin?.startsWith('@') ? Number(pin.slice(1)) : NaN;
    return Number.isNaN(k) || k < i ? pin : k === i ? '@gone' : `@${k - 1}`;
  };
  return steps.filter((_, k) => k !== i).map((s) => (s.pin ? { ...s, pin: repin(s.pin) } : s));
}

/**
 * Cuts the steps after the first violation, pins each step's acting account (so that dropping one step does not
 * change who acts in the others), then drops single steps, last first, while the sequence still breaks the same
 * promise; repeated until nothing more can go.
 */
export async function minimize(
  model: AttackerModel,
  scenario: Scenario,
  outcome: Outcome,
): Promise<{ scenario: Scenario; outcome: Outcome }> {
  const invariant = outcome.violations[0].invariant;
  let best = { scenario: { ...scenario, steps: scenario.steps.slice(0, outcome.at + 1) }, outcome };
  const pinned = { ...best.scenario, steps: best.scenario.steps.map((s, i) => (outcome.pins[i] ? { ...s, pin: outcome.pins[i] } : s)) };
  const again = await model.run(pinned);
  if (breaks(again, invariant)) best = { scenario: { ...pinned, steps: pinned.steps.slice(0, again.at + 1) }, outcome: again };
  for (let pass = 0; pass < 3; pass++) {
    let shrunk = false;
    for (let i = best.scenario.steps.length - 1; i >= 0; i--) {
      const candidate = { ...best.scenario, steps: without(best.scenario.steps, i) };
      const o = await model.run(candidate);
      if (breaks(o, invariant)) {
        best = { scenario: { ...candidate, steps: candidate.steps.slice(0, o.at + 1) }, outcome: o };
        shrunk = true;
        i = Math.min(i, best.scenario.steps.length);
      }
    }
    if (!shrunk) break;
  }
  return best;
}

/**
 * Which of the known one-person attacks a minimal sequence looks like, from the operations it uses and who
 * acted (a heuristic for the summary; the categories above are the finding's real description).
 */
export function knownAttack(f: { scenario: Scenario; outcome: Outcome }): string {
  const ops = new Set(f.scenario.steps.map((s) => s.op));
  const actors = f.outcome.actors;
  const has = (op: string) => ops.has(op as Step['op']);
  if (f.outcome.violations.some((v) => v.invariant === 'audit')) return '7. the audit names someone who took no part';
  if ([...ops].some((op) => op.startsWith('cli.'))) return '6. a shell on the server is several people';
  if (has('user.demote') && has('user.create')) return '1. demotions leave one regulator, whose next one is its bootstrap pair';
  if (has('user.promote')) return '3. role flip: promoting the proposer lifts four eyes';
  if (has('user.reset-password')) return "4. a password reset hands over another's account";
  if (actors.some((a) => a === 'bca.admin' || a === 'its applicant') || has('application.apply'))
    return '4. an applicant account (invitation) speaks for whoever filled it in';
  if (has('user.create') && actors.includes('an account it made')) return '2. four eyes looks one step back only';
  if (actors.some((a) => a.includes('reg3')) && f.scenario.person === 'reg2') return 'reg2 acts through reg3, an account it created';
  if (f.outcome.log.some((l) => l.includes(`: reinstate number ${e164(SEED_NUMBERS.E)} `)))
    return "5'. one regulator lifts an agency admin's emergency stop alone";
  if (f.outcome.log.some((l) => /: reinstate /.test(l))) return '5. one regulator lifts a suspension alone';
  return 'other';
}

export function categorize(scenario: Scenario, outcome: Outcome): string {
  const invariant = [...new Set(outcome.violations.map((v) => v.invariant))].join('+');
  const ops = scenario.steps.map((s, i) => `${s.op}[${outcome.actors[i] ?? '-'}]`);
  return `${scenario.person} {${invariant}}: ${[...new Set(ops)].sort().join(' + ')}`;
}

function tally(keys: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((x, y) => x[0].localeCompare(y[0]));
}

export async function survey(model: AttackerModel, scenarios: Scenario[], print: (s: string) => void): Promise<Finding[]> {
  const findings: Finding[] = [];
  let violating = 0;
  let minimizing = 0;
  const started = Date.now();
  for (const [k, scenario] of scenarios.entries()) {
    if (k > 0 && k % 100 === 0)
      print(`survey: ${k}/${scenarios.length} sequences, ${violating} violating, ${Math.round((Date.now() - started) / 1000)} s`);
    const outcome = await model.run(scenario);
    if (outcome.violations.length === 0) continue;
    violating++;
    const t = Date.now();
    const min = await minimize(model, scenario, outcome);
    minimizing += Date.now() - t;
    findings.push({ ...min, category: categorize(min.scenario, min.outcome) });
  }
  const byCategory = new Map<string, Finding[]>();
  for (const f of findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  const rows = [...byCategory].sort((x, y) => y[1].length - x[1].length);
  const lines = [
    `Survey: ${scenarios.length} sequences, ${violating} violating, ${rows.length} categories (minimal sequences); ` +
      `${Math.round((Date.now() - started - minimizing) / 1000)} s running them, ${Math.round(minimizing / 1000)} s minimizing`,
    '',
    'count | category (attacker {promise broken}: operations[acting account])',
    ...rows.map(([c, fs]) => `${String(fs.length).padStart(5)} | ${c}`),
    '',
    'count | known attack it looks like',
    ...tally(findings.map(knownAttack)).map(([k, n]) => `${String(n).padStart(5)} | ${k}`),
    '',
  ];
  for (const [c, fs] of rows) {
    const shortest = fs.reduce((x, y) => (y.scenario.steps.length < x.scenario.steps.length ? y : x));
    lines.push(`=== ${c} (${fs.length})`, describeOutcome(shortest.scenario, shortest.outcome), '');
  }
  print(lines.join('\n'));
  return findings;
}
