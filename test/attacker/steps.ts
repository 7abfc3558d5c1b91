import fc from 'fast-check';
import { Account, actorKind, PersonName, Run, UserRow } from './model';
import { accountOps, AccountOp } from './ops-accounts';
import { itemOps, ItemOp } from './ops-items';
import { onboardingOps, OnboardingOp } from './ops-onboarding';
import { pick, Targets } from './targets';

/**
 * One step of one person: which of its accounts acts (`who`, an index into the accounts it holds now, among those
 * the operation prefers), the operation, and indexes (`a`, `b`) and a variant (`v`) resolved at run time against
 * the live lists. Plain data, so fast-check can shrink a sequence and replay it.
 */
export interface Step {
  op: Op;
  who: number;
  a: number;
  b: number;
  v: number;
  /**
   * Set only when minimizing a survey finding: the acting account, fixed (a seeded username, or `@k`: the account
   * gained in step k), so that dropping another step does not change who acts. Not held: the step does nothing.
   */
  pin?: string;
}

export type Op = AccountOp | ItemOp | OnboardingOp;

/** What an operation gets: the run, the acting account (null for carrier and CLI operations), live lists. */
export interface OpContext {
  run: Run;
  actor: Account | null;
  actorRow: UserRow | null;
  users: UserRow[];
  targets: Targets;
  step: Step;
  /** How the step names itself in the log: `#3 root`. */
  label: string;
}

/** 'none': a step that needs no account (a public route, such as enrolling with a code in hand). */
type ActorKind = 'regulator' | 'any' | 'carrier' | 'cli' | 'none';

export interface OpSpec {
  /**
   * Which held account acts: a regulator if it holds one ('regulator'), any ('any'), or none (carrier, CLI); or
   * that, by the step's variant.
   */
  actor: ActorKind | ((step: Step) => ActorKind);
  run(ctx: OpContext): Promise<void>;
}

export const OPS: Record<Op, OpSpec> = { ...accountOps, ...itemOps, ...onboardingOps };

/**
 * How often each person tries each operation. The powerful steps (approve everything pending, propose a change
 * of what a number shows, make or take over an account) are common; the rest keep the search honest.
 */
const API_WEIGHTS: Partial<Record<Op, number>> = {
  'approve-all-pending': 14,
  'number.edit': 10,
  'user.create': 9,
  'user.reset-password': 6,
  'user.demote': 5,
  'user.promote': 5,
  'user.approve': 4,
  'user.enroll': 2,
  'user.status': 2,
  review: 8,
  'revision.decide': 4,
  'number.create': 6,
  'brandname.create': 2,
  'brandname.edit': 5,
  'organization.edit': 2,
  'invitation.create': 2,
  'application.apply': 3,
  'application.tick': 2,
  'application.document': 2,
  'application.approve': 3,
  'application.request-changes': 1,
  'reorganization.propose': 3,
  'reorganization.approve': 3,
  'holding.confirm-on-behalf': 2,
};
const CLI_WEIGHTS: Partial<Record<Op, number>> = { 'cli.user-create': 10, 'cli.reset-password': 6, 'cli.numbers-import': 4 };
const CARRIER_WEIGHTS: Partial<Record<Op, number>> = { 'carrier.confirm': 6, 'carrier.release': 2 };

export const WEIGHTS: Record<PersonName, Partial<Record<Op, number>>> = {
  root: API_WEIGHTS,
  reg2: API_WEIGHTS,
  reg3: API_WEIGHTS,
  'cli-operator': { ...API_WEIGHTS, ...CLI_WEIGHTS },
  'carrier-viettel': CARRIER_WEIGHTS,
};

export function stepArb(person: PersonName): fc.Arbitrary<Step> {
  const ops = Object.entries(WEIGHTS[person]).map(([op, weight]) => ({ arbitrary: fc.constant(op as Op), weight: weight! }));
  // who = 0 (the account gained last) often: an attacker mostly uses what it has just gained.
  const who = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.nat(7) });
  return fc.record({ op: fc.oneof(...ops), who, a: fc.nat(15), b: fc.nat(15), v: fc.nat(31) });
}

/**
 * Sequences of up to `maxSteps` steps, mostly long (three in four have at least two thirds of maxSteps: deep
 * attacks need several steps in the right order), shrunk as any array of 1 to maxSteps steps is.
 */
export function sequenceArb(person: PersonName, maxSteps: number): fc.Arbitrary<Step[]> {
  const step = stepArb(person);
  const any = fc.array(step, { minLength: 1, maxLength: maxSteps });
  const long = fc.array(step, { minLength: Math.ceil((maxSteps * 2) / 3), maxLength: maxSteps });
  return new (class extends fc.Arbitrary<Step[]> {
    generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Step[]> {
      const from = mrng.nextInt(0, 3) === 0 ? any : long;
      return new fc.Value(from.generate(mrng, biasFactor).value, undefined);
    }
    canShrinkWithoutContext(value: unknown): value is Step[] {
      return any.canShrinkWithoutContext(value);
    }
    shrink(value: Step[]): fc.Stream<fc.Value<Step[]>> {
      return any.shrink(value, undefined);
    }
  })();
}

export function stepText(s: Step): string {
  return `${s.op}(who=${s.who}, a=${s.a}, b=${s.b}, v=${s.v}${s.pin ? `, pin=${s.pin}` : ''})`;
}

/** Runs one step: picks the acting account, resolves nothing else (each operation does), logs what happened. */
export async function runStep(run: Run, targets: Targets, step: Step, index: number): Promise<void> {
  const spec = OPS[step.op];
  const kind = typeof spec.actor === 'function' ? spec.actor(step) : spec.actor;
  const users = await targets.users();
  let actor: Account | null = null;
  if (kind === 'carrier' || kind === 'cli') {
    if (kind === 'carrier' ? !run.holdings.carrier : !run.holdings.cli) return void run.log.push(`#${index} ${step.op}: cannot`);
  } else if (kind !== 'none') {
    actor = (step.pin ? run.holdings.accounts.find((a) => run.pinOf(a) === step.pin) : chooseActor(run, users, kind, step.who)) ?? null;
    if (!actor) return void run.log.push(`#${index} ${step.op}: no account to act with`);
    run.pins[index] = run.pinOf(actor);
  }
  const actorRow = actor ? (users.find((u) => u.id === actor!.id) ?? null) : null;
  const who = actor ? actor.username : kind === 'cli' ? run.cliLabel : kind === 'none' ? run.person : run.holdings.carrier!.code;
  run.actors[index] = actor ? actorKind(actor.username) : kind === 'cli' ? 'the CLI' : who;
  await spec.run({ run, actor, actorRow, users, targets, step, label: `#${index} ${who}` });
}

/**
 * The held account that acts: among the held regulators when the operation prefers one (active ones first).
 * `who` counts from the newest account held: an attacker mostly uses what it has just gained.
 */
function chooseActor(run: Run, users: UserRow[], preference: 'regulator' | 'any', who: number): Account | undefined {
  const accounts = [...run.holdings.accounts].reverse();
  if (preference === 'regulator') {
    const row = (a: Account) => users.find((u) => u.id === a.id);
    const active = accounts.filter((a) => row(a)?.role === 'regulator' && row(a)?.status === 'active');
    const any = accounts.filter((a) => row(a)?.role === 'regulator');
    return pick(active.length ? active : any.length ? any : accounts, who);
  }
  return pick(accounts, who);
}
