import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Author } from '@app/domain';
import { SecondFactor } from '@app/database';

/** Accounts' second factors; the secret never leaves the service. */
@Injectable()
export class SecondFactorRepository {
  find(em: EntityManager, userId: string, lock = false): Promise<SecondFactor | null> {
    return em.findOne(SecondFactor, { where: { userId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Whether the account's organization asks its agency admins for a second factor. */
  async organizationRequires(em: EntityManager, userId: string): Promise<boolean> {
    const [row]: Array<{ required: boolean }> = await em.query(
      `SELECT o.second_factor_required AS required FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId],
    );
    return row?.required ?? false;
  }

  /** The factors of these accounts, for lists (only what the list shows is read from them). */
  async ofUsers(em: EntityManager, userIds: readonly string[]): Promise<Map<string, SecondFactor>> {
    if (userIds.length === 0) return new Map();
    const rows = await em.find(SecondFactor, { where: { userId: In([...userIds]) } });
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** A new unconfirmed factor, replacing an earlier unconfirmed one (a confirmed one is never replaced here). */
  async startEnrollment(em: EntityManager, userId: string, secret: string, recoveryCodeHashes: readonly string[]): Promise<void> {
    await em.query(
      `INSERT INTO second_factors (user_id, secret, recovery_code_hashes) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, recovery_code_hashes = EXCLUDED.recovery_code_hashes,
              created_at = now(), last_used_step = NULL
        WHERE second_factors.confirmed_at IS NULL`,
      [userId, secret, JSON.stringify(recoveryCodeHashes)],
    );
  }

  async confirm(em: EntityManager, userId: string, step: number): Promise<void> {
    await em.query(`UPDATE second_factors SET confirmed_at = now(), last_used_step = $2 WHERE user_id = $1`, [userId, step]);
  }

  async useStep(em: EntityManager, userId: string, step: number): Promise<void> {
    await em.query(`UPDATE second_factors SET last_used_step = $2 WHERE user_id = $1`, [userId, step]);
  }

  async setRecoveryCodes(em: EntityManager, userId: string, hashes: readonly string[]): Promise<void> {
    await em.query(`UPDATE second_factors SET recovery_code_hashes = $2 WHERE user_id = $1`, [userId, JSON.stringify(hashes)]);
  }

  async requestReset(em: EntityManager, userId: string, by: string, authors: readonly Author[]): Promise<void> {
    await em.query(`UPDATE second_factors SET reset_requested_by = $2, reset_authors = $3 WHERE user_id = $1`, [
      userId,
      by,
      JSON.stringify(authors),
    ]);
  }

  async clearReset(em: EntityManager, userId: string): Promise<void> {
    await em.query(`UPDATE second_factors SET reset_requested_by = NULL, reset_authors = '[]' WHERE user_id = $1`, [userId]);
  }

  /** An approved reset: the factor is gone, and the holder enrols a new one at its next sign-in. */
  async remove(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM second_factors WHERE user_id = $1`, [userId]);
  }
}
