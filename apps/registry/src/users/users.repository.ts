import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountStatus, Author, DomainError, UserRole } from '@app/domain';
import { User } from '@app/database';
import { uniqueViolation } from '../common/db-errors';
import { lockRow } from '../common/locking';

// Serialises account creation and changes with the count of regulators they depend on (the bootstrap is one).
const ACCOUNTS_LOCK = 7_428_104;
const ACTIVE: AccountStatus = 'active';
const REGULATOR: UserRole = 'regulator';

/** Accounts: the queries of users, auth and the CLI, in the caller's transaction. */
@Injectable()
export class UsersRepository {
  /** Taken before reading the regulators a creation or a change depends on. */
  async lockAccounts(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
  }

  lock(em: EntityManager, id: string): Promise<User> {
    return lockRow(em, User, id, 'user');
  }

  find(em: EntityManager, id: string): Promise<User | null> {
    return em.findOneBy(User, { id });
  }

  /** By username, ignoring case (the unique index's rule); `lock` for a write that depends on it. */
  byUsername(em: EntityManager, username: string, lock = false): Promise<User | null> {
    const qb = em.getRepository(User).createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async usernameTaken(em: EntityManager, username: string): Promise<boolean> {
    return (await this.byUsername(em, username)) !== null;
  }

  list(em: EntityManager, filter: { role?: UserRole; organizationId?: string }): Promise<User[]> {
    return em.getRepository(User).find({ where: filter, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  activeRegulators(em: EntityManager): Promise<number> {
    return em.countBy(User, { role: REGULATOR, status: ACTIVE });
  }

  /** A taken username (ignoring case) is DUPLICATE_USERNAME, whoever got there first. */
  async insert(em: EntityManager, fields: Partial<User>): Promise<User> {
    try {
      return await em.save(em.create(User, fields));
    } catch (err) {
      if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_USERNAME', `Username ${fields.username} is taken`);
      throw err;
    }
  }

  save(em: EntityManager, user: User): Promise<User> {
    return em.save(user);
  }

  /** The authors of a pending account, written without moving its version (PATCH's optimistic lock). */
  async setReviewAuthors(em: EntityManager, userId: string, authors: readonly Author[]): Promise<void> {
    await em.query('UPDATE users SET review_authors = $2 WHERE id = $1', [userId, JSON.stringify(authors)]);
  }

  /**
   * Sets an account's password and moves its token version on, so every token issued before stops at once. A
   * plain UPDATE: the row's `version` guards what PATCH /v1/users edits, and a password change must not make a
   * manager's pending disable a VERSION_CONFLICT.
   */
  async setCredentials(em: EntityManager, user: User, change: { passwordHash: string; passwordChangeRequired: boolean }): Promise<User> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM's postgres driver.
    const [rows]: [Array<{ token_version: number; password_changed_at: Date }>, number] = await em.query(
      `UPDATE users SET password_hash = $1, password_change_required = $2, token_version = token_version + 1,
              password_changed_at = now(), updated_at = now()
        WHERE id = $3 RETURNING token_version, password_changed_at`,
      [change.passwordHash, change.passwordChangeRequired, user.id],
    );
    const [updated] = rows;
    return Object.assign(user, {
      passwordHash: change.passwordHash,
      passwordChangeRequired: change.passwordChangeRequired,
      tokenVersion: updated.token_version,
      passwordChangedAt: new Date(updated.password_changed_at),
    });
  }

  /** Every token issued before stops (a second factor confirmed or reset); the account as it is now. */
  async bumpTokenVersion(em: EntityManager, userId: string): Promise<User> {
    await em.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
    return (await this.find(em, userId))!;
  }

  /** An enrolled account's halves are spent once its holder has set a password. */
  async clearEnrollment(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      'UPDATE users SET enrollment_first_hash = NULL, enrollment_second_hash = NULL, enrollment_expires_at = NULL WHERE id = $1',
      [userId],
    );
  }

  /** The registry's very first account, made at its first start (another instance may have done it: no row). */
  async insertFirstRegulator(em: EntityManager, fields: { username: string; passwordHash: string }): Promise<string | null> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ ...fields, role: REGULATOR, organizationId: null })
      .orIgnore()
      .execute();
    return (result.identifiers[0] as { id: string } | undefined)?.id ?? null;
  }

  /** Usernames by id (people shown by name: submitters, proposers, deciders). */
  async usernames(em: EntityManager, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
    if (wanted.length === 0) return new Map();
    const rows: Array<{ id: string; username: string }> = await em.query('SELECT id, username FROM users WHERE id = ANY($1)', [wanted]);
    return new Map(rows.map((u) => [u.id, u.username]));
  }

  count(em: EntityManager): Promise<number> {
    return em.count(User);
  }
}
