import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { User } from '@app/database';

/**
 * Sets an account's password and moves its token version on, so every token issued before stops at once. A
 * plain UPDATE: the row's `version` guards what PATCH /v1/users edits (role, status, organization), and a
 * password change must not make a manager's pending disable a VERSION_CONFLICT.
 */
export async function setCredentials(
  em: EntityManager,
  user: User,
  change: { passwordHash: string; passwordChangeRequired: boolean },
): Promise<User> {
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

/** Enrollment halves are 96 random bits each, so a fast hash is enough; only the hash is kept. */
export function hashEnrollmentHalf(half: string): string {
  return createHash('sha256').update(half.trim()).digest('hex');
}
