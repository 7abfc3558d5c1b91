import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainError } from '@app/domain';

/** Reads a row FOR UPDATE inside the transaction, or NOT_FOUND. */
export async function lockRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, id: string, what: string): Promise<T> {
  const row = await em.getRepository(target).createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
  if (!row) throw new DomainError('NOT_FOUND', `No such ${what}`);
  return row;
}

/** Optimistic locking: the client must have read the current version. */
export function assertVersion(current: number, sent: number): void {
  if (current !== sent) {
    throw new DomainError(
      'VERSION_CONFLICT',
      `The item changed since you read it (your version ${sent}, current ${current}); reload and retry`,
    );
  }
}
