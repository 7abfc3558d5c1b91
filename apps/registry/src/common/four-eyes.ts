import { EntityManager } from 'typeorm';
import { assertFourEyes, Party } from '@app/domain';

/** Resolves the barred users (role, creator) and asks the review policy whether the actor may decide. */
export async function checkFourEyes(em: EntityManager, actorId: string, barredIds: readonly string[]): Promise<void> {
  if (barredIds.length === 0) return;
  const rows: Array<{ id: string; role: Party['role']; created_by: string | null }> = await em.query(
    'SELECT id, role, created_by FROM users WHERE id = ANY($1)',
    [barredIds],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  assertFourEyes(
    actorId,
    barredIds.map((id) => ({ id, role: byId.get(id)?.role ?? null, createdBy: byId.get(id)?.created_by ?? null })),
  );
}
