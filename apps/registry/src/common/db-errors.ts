import { QueryFailedError } from 'typeorm';

/** The PostgreSQL constraint a unique violation hit, if it is one. */
export function uniqueViolation(err: unknown): string | null {
  if (!(err instanceof QueryFailedError)) return null;
  const driverError = err.driverError as { code?: string; constraint?: string };
  return driverError?.code === '23505' ? (driverError.constraint ?? '') : null;
}
