import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AccountStatus,
  Author,
  AuthorAct,
  CONTROL_KINDS,
  ControlFact,
  ControlKind,
  controllersOf,
  FourEyesStep,
  fourEyesVerdict,
  givesControl,
  PartyFacts,
  Principal,
  RegistryAccounts,
  userPrincipal,
  UserRole,
} from '@app/domain';
import type { CarrierActor } from '../common/carrier-context';
import type { Actor, SystemActor } from '../common/request-context';
import { FourEyesDto } from './four-eyes.dto';

/** Whoever acts in a write: a signed-in user, the CLI's system actor, or a carrier by its key. */
export type AnyActor = Actor | SystemActor | CarrierActor;

/** The principal of an actor: `user:<id>`, the CLI's `cli:<os-user>`, or `carrier:<code>`. */
export function principalOf(actor: AnyActor): Principal {
  if (actor.role === 'carrier') return `carrier:${(actor as CarrierActor).code}`;
  if ('system' in actor && actor.system) return actor.username;
  return userPrincipal((actor as Actor).id);
}

/**
 * The facts the four-eyes decision reads: who controls which account (append-only account_controls), each
 * account's role and status, and the one-time bootstrap. The decision itself is libs/domain four-eyes.ts.
 */
@Injectable()
export class PartiesRepository {
  /** Today's facts of an actor. A system actor or a carrier has no account: it is only itself. */
  async factsOf(em: EntityManager, actor: AnyActor): Promise<PartyFacts> {
    if (actor.role === 'carrier')
      return { principal: principalOf(actor), role: 'carrier', status: null, controllers: [principalOf(actor)] };
    if ('system' in actor && actor.system)
      return { principal: actor.username, role: 'system', status: null, controllers: [actor.username] };
    return this.factsOfUser(em, (actor as Actor).id);
  }

  async factsOfUser(em: EntityManager, userId: string): Promise<PartyFacts> {
    const [user]: Array<{ role: PartyFacts['role']; status: PartyFacts['status'] }> = await em.query(
      'SELECT role, status FROM users WHERE id = $1',
      [userId],
    );
    return {
      principal: userPrincipal(userId),
      role: user?.role ?? null,
      status: user?.status ?? null,
      controllers: controllersOf(userId, await this.controlFactsAbove(em, userId)),
    };
  }

  /** The author of a change: the actor's facts, frozen now. */
  async author(em: EntityManager, actor: AnyActor, act: AuthorAct): Promise<Author> {
    return { act, ...(await this.factsOf(em, actor)), at: new Date().toISOString() };
  }

  async authorUser(em: EntityManager, userId: string, act: AuthorAct): Promise<Author> {
    return { act, ...(await this.factsOfUser(em, userId)), at: new Date().toISOString() };
  }

  /** Records that `controller` can act as the account (append-only). */
  async recordControl(em: EntityManager, accountId: string, controller: Principal, kind: ControlKind): Promise<void> {
    await em.query('INSERT INTO account_controls (account_id, controller, kind) VALUES ($1, $2, $3)', [accountId, controller, kind]);
  }

  /** Whether the bootstrap happened, and how many regulators are active: what reviewOfNewAccount reads. */
  async accounts(em: EntityManager): Promise<RegistryAccounts> {
    const [row]: Array<{ bootstrapped: boolean; regulators: number }> = await em.query(
      `SELECT EXISTS (SELECT 1 FROM registry_bootstrap) AS bootstrapped,
              (SELECT count(*)::int FROM users WHERE role = $1 AND status = $2) AS regulators`,
      [REGULATOR, ACTIVE],
    );
    return row;
  }

  /** The bootstrap, once: a second attempt hits the table's one-row key and is a programming error. */
  async recordBootstrap(em: EntityManager, secondRegulatorId: string, by: AnyActor): Promise<void> {
    await em.query(
      `INSERT INTO registry_bootstrap (id, first_regulator_id, second_regulator_id, recorded_by)
       VALUES (1, (SELECT id FROM users WHERE role = $3 AND id <> $1 ORDER BY created_at, id LIMIT 1), $1, $2)`,
      [secondRegulatorId, principalOf(by), REGULATOR],
    );
  }

  /**
   * What the signed-in person may decide, as the console shows it: the four-eyes verdict for each reviewable
   * change, with this person's facts read once.
   */
  async viewer(em: EntityManager, actor: AnyActor): Promise<FourEyesViewer> {
    const facts = await this.factsOf(em, actor);
    return (step, authors, mayTakeStep = true) => {
      if (!mayTakeStep) return { allowed: false, code: 'FORBIDDEN', reason: 'Your role may not take this step' };
      const v = fourEyesVerdict(step, facts, authors);
      return v.allowed ? { allowed: true } : { allowed: false, code: v.code, rule: v.rule, reason: v.reason };
    };
  }

  /** Every control fact on the paths upward from the account (who controls it, who controls them, …). */
  private async controlFactsAbove(em: EntityManager, userId: string): Promise<ControlFact[]> {
    const rows: Array<{ account_id: string; controller: string; kind: ControlKind }> = await em.query(
      `WITH RECURSIVE above AS (
         SELECT account_id, controller, kind FROM account_controls WHERE account_id = $1 AND kind = ANY($2)
         UNION
         SELECT c.account_id, c.controller, c.kind
           FROM above a JOIN account_controls c
             ON a.controller LIKE 'user:%' AND c.account_id::text = substr(a.controller, 6) AND c.kind = ANY($2)
       )
       SELECT account_id, controller, kind FROM above`,
      [userId, COUNTED_KINDS],
    );
    return rows.map((r) => ({ accountId: r.account_id, controller: r.controller, kind: r.kind }));
  }
}

const REGULATOR: UserRole = 'regulator';
const ACTIVE: AccountStatus = 'active';

/** The kinds of fact that give control (an installation fact is recorded, not counted). */
const COUNTED_KINDS: ControlKind[] = CONTROL_KINDS.filter(givesControl);

export type FourEyesViewer = (step: FourEyesStep, authors: readonly Author[], mayTakeStep?: boolean) => FourEyesDto;
