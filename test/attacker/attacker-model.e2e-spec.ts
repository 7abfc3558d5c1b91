import fc from 'fast-check';
import { PEOPLE, PersonName } from './model';
import { AttackerModel, describeOutcome, Scenario } from './runner';
import { sequenceArb } from './steps';
import { survey } from './survey';

/**
 * The attacker model: the registry promises that no single person can change what a handset shows, widen who may
 * brand, or lift a block alone; and that its audit log names only those who acted. Accounts are not people (see
 * model.ts): a person acts through every account it created with a password it chose or saw, reset, or applied
 * for with an invitation token it held. fast-check generates sequences of one person's actions from the seeded
 * registry (seed.ts) and checks both promises after every step (invariants.ts).
 *
 *   ATTACKER_RUNS (500)   sequences to try
 *   ATTACKER_SEED         fast-check seed (default: random, printed); ATTACKER_PATH replays a printed path
 *   ATTACKER_MAX_STEPS    steps per sequence (12)
 *   ATTACKER_SURVEY=1     run every sequence, minimize each violating one, print a table by category; never fails
 *   ATTACKER_PEOPLE       only these attackers (comma-separated, e.g. root,cli-operator); default: all
 *
 * Run: node test/support/run-e2e.js test/attacker/attacker-model.e2e-spec.ts
 */
const RUNS = Number(process.env.ATTACKER_RUNS ?? 500);
const SEED = process.env.ATTACKER_SEED ? Number(process.env.ATTACKER_SEED) : Math.floor(Math.random() * 2 ** 31);
const MAX_STEPS = Number(process.env.ATTACKER_MAX_STEPS ?? 12);
const SURVEY = process.env.ATTACKER_SURVEY === '1';
/** How often each person is the attacker: the regulators have the most to try. */
const PERSON_WEIGHTS: Record<PersonName, number> = { root: 4, reg2: 3, reg3: 2, 'cli-operator': 2, 'carrier-viettel': 1 };

const ATTACKERS = PEOPLE.filter((p) => !process.env.ATTACKER_PEOPLE || process.env.ATTACKER_PEOPLE.split(',').includes(p));

const scenarioArb: fc.Arbitrary<Scenario> = fc.oneof(
  ...ATTACKERS.map((person) => ({
    weight: PERSON_WEIGHTS[person],
    arbitrary: fc.record({ person: fc.constant(person), steps: sequenceArb(person, MAX_STEPS) }),
  })),
);

// Writes straight to stdout (jest's console.log adds a stack line to every message); the seed goes to console.log too.
const print = (s: string) => process.stdout.write(`${s}\n`);

let model: AttackerModel;

beforeAll(async () => {
  const started = Date.now();
  model = await AttackerModel.start();
  print(`attacker model: seeded and snapshotted in ${Date.now() - started} ms`);
}, 120_000);
afterAll(() => model?.stop());

const budget = Math.max(600_000, RUNS * 2_000 * (SURVEY ? 8 : 1));

it(
  SURVEY ? 'survey: every sequence one person can make, minimized and grouped' : 'no single person breaks four eyes or the audit',
  async () => {
    const started = Date.now();
    console.log(
      `attacker model: seed ${SEED}, ${RUNS} runs, up to ${MAX_STEPS} steps, attackers ${ATTACKERS.join(', ')}${SURVEY ? ', survey' : ''}`,
    );
    if (SURVEY) {
      const scenarios = fc.sample(scenarioArb, { seed: SEED, numRuns: RUNS });
      await survey(model, scenarios, print);
    } else {
      const property = fc.asyncProperty(scenarioArb, async (scenario) => {
        const outcome = await model.run(scenario);
        if (outcome.violations.length) throw new Error(describeOutcome(scenario, outcome));
      });
      const details = await fc.check(property, { seed: SEED, numRuns: RUNS, path: process.env.ATTACKER_PATH, endOnFailure: false });
      if (details.failed) {
        const replay = `ATTACKER_SEED=${details.seed} ATTACKER_PATH=${details.counterexamplePath}`;
        print(`attacker model: counterexample after ${details.numRuns} runs (${details.numShrinks} shrinks); replay: ${replay}`);
        throw new Error(`${(details.errorInstance as Error | null)?.message ?? 'the property failed'}\nReplay: ${replay}`);
      }
    }
    const ms = (x: number) => `${Math.round(x / 1000)} s`;
    const { restore, steps, checks } = model.timing;
    print(
      `attacker model: ${model.runs} sequences run in ${ms(Date.now() - started)} (restore ${ms(restore)}, steps ${ms(steps)}, checks ${ms(checks)})`,
    );
  },
  budget,
);
