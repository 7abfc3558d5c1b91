import { ThrottlerStorage } from '@nestjs/throttler';
import { cliActorName } from '../../apps/registry/src/cli/acting-regulator';
import { RegistryHarness } from '../support/registry-harness';
import { DbSnapshot } from './db-snapshot';
import { Answers, auditViolations, brandingViolations, lastAuditSeq, lookupAnswers, lookupOrigins, Violation } from './invariants';
import { cloneHoldings, PersonName, Run } from './model';
import { RegistryClient } from './registry-client';
import { SeedWorld, seedRegistry } from './seed';
import { runStep, Step, stepText } from './steps';
import { Targets } from './targets';

const TOKEN_REFRESH_MS = 45 * 60_000;

/** A sequence as fast-check generates it: the attacker and its steps. */
export interface Scenario {
  person: PersonName;
  steps: Step[];
}

export interface Outcome {
  violations: Violation[];
  /** The index of the step after which the first violation showed (-1: none). */
  at: number;
  log: string[];
  /** Who acted in each step (see Run.actors), and as which pin (see Step.pin). */
  actors: string[];
  pins: (string | undefined)[];
}

/**
 * Seeds once, snapshots the database, then runs sequences from that snapshot: restore, act as one person step by
 * step, check both invariants after each step and stop at the first violation.
 */
export class AttackerModel {
  private snapshot: DbSnapshot;
  private world: SeedWorld;
  private seedAnswers: Answers;
  private seedAuditSeq: number;
  private origins: (string | undefined)[];
  private targets: Targets;
  private client: RegistryClient;
  private readonly cliLabel = cliActorName();
  private tokensAt = Date.now();
  runs = 0;
  /** Milliseconds spent restoring, acting and checking, over all runs (printed at the end). */
  readonly timing = { restore: 0, steps: 0, checks: 0 };

  private constructor(private readonly h: RegistryHarness) {}

  static async start(): Promise<AttackerModel> {
    const h = await RegistryHarness.start();
    await h.app.listen(0, '127.0.0.1');
    const m = new AttackerModel(h);
    m.client = new RegistryClient(h.app);
    m.targets = new Targets(h.ds);
    m.world = await seedRegistry(h, m.client);
    m.origins = lookupOrigins(m.world.carrierCodes);
    m.seedAnswers = await lookupAnswers(h.ds, m.origins);
    m.seedAuditSeq = await lastAuditSeq(h.ds);
    m.snapshot = new DbSnapshot(h.ds);
    await m.snapshot.take();
    return m;
  }

  async stop(): Promise<void> {
    await this.snapshot?.drop();
    await this.h.stop();
  }

  async run(scenario: Scenario): Promise<Outcome> {
    this.runs++;
    let t = performance.now();
    await this.snapshot.restore();
    if (Date.now() - this.tokensAt > TOKEN_REFRESH_MS) await this.refreshSeedTokens();
    this.forgetSignInThrottling();
    const lap = (key: keyof AttackerModel['timing']) => {
      const now = performance.now();
      this.timing[key] += now - t;
      t = now;
    };
    lap('restore');
    const run = new Run(scenario.person, cloneHoldings(this.world.holdings[scenario.person]), this.client, this.cliLabel);
    run.log.push(`attacker: ${scenario.person}`);
    for (let i = 0; i < scenario.steps.length; i++) {
      run.log.push(`#${i} ${stepText(scenario.steps[i])}`);
      run.currentStep = i;
      try {
        await runStep(run, this.targets, scenario.steps[i], i);
      } catch (err) {
        run.serverErrors.push(`#${i} the step threw: ${(err as Error).stack}`);
      }
      lap('steps');
      const violations = await this.check(run);
      lap('checks');
      if (violations.length) return { violations, at: i, log: run.log, actors: run.actors, pins: run.pins };
    }
    return { violations: [], at: -1, log: run.log, actors: run.actors, pins: run.pins };
  }

  /**
   * The seeded accounts' tokens last JWT_TTL_SECONDS (an hour): a long survey signs them in again (a sign-in changes
   * no user row, so the tokens stay valid across restores), then restores once more to drop the sign-ins' audit.
   */
  private async refreshSeedTokens(): Promise<void> {
    this.forgetSignInThrottling();
    for (const holdings of Object.values(this.world.holdings)) {
      for (const acc of holdings.accounts) {
        const res = await this.client.send('post', '/v1/auth/login', null, { username: acc.username, password: acc.password });
        if (res.status !== 200) throw new Error(`refreshing the token of ${acc.username}: ${res.status}`);
        acc.token = res.body.accessToken;
      }
    }
    await this.snapshot.restore();
    this.tokensAt = Date.now();
  }

  /**
   * Sign-ins are throttled per address (30 a minute) and per name: every sequence starts with a clean count, as
   * its registry starts anew. (The in-memory storage of @nestjs/throttler keeps hits in two maps.)
   */
  private forgetSignInThrottling(): void {
    const storage = this.h.app.get(ThrottlerStorage, { strict: false }) as {
      storage?: Map<string, unknown>;
      hitExpirations?: Map<string, unknown>;
    };
    if (!storage.storage || !storage.hitExpirations)
      throw new Error('the login throttler keeps its hits elsewhere: update forgetSignInThrottling');
    storage.storage.clear();
    storage.hitExpirations.clear();
  }

  private async check(run: Run): Promise<Violation[]> {
    const now = await lookupAnswers(this.h.ds, this.origins);
    return [
      ...run.serverErrors.map((detail) => ({ invariant: 'server-error' as const, detail })),
      ...brandingViolations(this.seedAnswers, now, this.world.armed),
      ...(await auditViolations(this.h.ds, this.seedAuditSeq, run.used)),
    ];
  }
}

export function describeOutcome(s: Scenario, o: Outcome): string {
  return [
    `One person (${s.person}) broke a promise after step #${o.at}:`,
    ...o.violations.map((v) => `  [${v.invariant}] ${v.detail}`),
    'Steps (as generated; later ones were not run):',
    ...s.steps.slice(0, o.at + 1).map((st, i) => `  #${i} ${stepText(st)}`),
    'What happened:',
    ...o.log.filter((l) => !/^#\d+ [\w.-]+\(who=/.test(l)).map((l) => `  ${l}`),
  ].join('\n');
}
