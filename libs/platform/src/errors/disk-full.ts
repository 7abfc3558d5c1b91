import { DomainError, insufficientStorage } from '@app/domain';

/**
 * A full disk as the one INSUFFICIENT_STORAGE error (507): PostgreSQL's disk_full (SQLSTATE 53100, "could not extend
 * file ...: No space left on device", on the server and on PGlite alike), found on TypeORM's QueryFailedError or the
 * driver's error, or a Node ENOSPC from a file the service writes itself. The failed statement's transaction rolled
 * back, so nothing of it is stored.
 */
export function diskFullError(exception: unknown): DomainError | null {
  const e = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e && typeof e === 'object' ? (e.driverError?.code ?? e.code) : undefined;
  if (code !== '53100' && code !== 'ENOSPC') return null;
  return insufficientStorage();
}
