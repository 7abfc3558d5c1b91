import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ThrottleState } from '@app/domain';

/** The attempt counts behind sign-in throttling, one row per key, locked while an attempt is decided. */
@Injectable()
export class SignInThrottleRepository {
  /** Each key's state, locked (rows made first, so that parallel attempts queue on them); keys in a fixed order. */
  async lock(em: EntityManager, keys: readonly string[]): Promise<Map<string, ThrottleState>> {
    const sorted = [...keys].sort();
    await em.query(
      `INSERT INTO sign_in_throttles (key, attempts, last_attempt_at)
         SELECT k, 0, now() FROM unnest($1::varchar[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING`,
      [sorted],
    );
    const rows: Array<{ key: string; attempts: number; last_attempt_at: Date }> = await em.query(
      `SELECT key, attempts, last_attempt_at FROM sign_in_throttles WHERE key = ANY($1::varchar[]) ORDER BY key FOR UPDATE`,
      [sorted],
    );
    return new Map(
      rows.map((r) => [r.key, { attempts: r.attempts, lastAttemptAt: r.attempts === 0 ? null : new Date(r.last_attempt_at) }]),
    );
  }

  async save(em: EntityManager, key: string, state: ThrottleState): Promise<void> {
    await em.query(`UPDATE sign_in_throttles SET attempts = $2, last_attempt_at = coalesce($3, last_attempt_at) WHERE key = $1`, [
      key,
      state.attempts,
      state.lastAttemptAt,
    ]);
  }

  /** Counts nobody has touched for `seconds` are worth nothing (the domain forgets them): drop them. */
  async forgetOlderThan(em: EntityManager, seconds: number): Promise<void> {
    await em.query(`DELETE FROM sign_in_throttles WHERE last_attempt_at < now() - make_interval(secs => $1)`, [seconds]);
  }
}
