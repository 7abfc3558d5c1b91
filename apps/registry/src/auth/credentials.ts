import { createHash } from 'node:crypto';

/** Enrollment halves are 96 random bits each, so a fast hash is enough; only the hash is kept. */
export function hashEnrollmentHalf(half: string): string {
  return createHash('sha256').update(half.trim()).digest('hex');
}
