import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { INVITATION_MAX_REFUSED_SUBMISSIONS } from '@app/domain';
import { Invitation } from '@app/database';
import { lockRow } from '../common/locking';

/** Invitations to apply (only their token's SHA-256 is stored). */
@Injectable()
export class InvitationsRepository {
  lock(em: EntityManager, id: string): Promise<Invitation> {
    return lockRow(em, Invitation, id, 'invitation');
  }

  find(em: EntityManager, id: string): Promise<Invitation | null> {
    return em.findOneBy(Invitation, { id });
  }

  /** The invitation a token opens, locked: one application per invitation. */
  lockByTokenHash(em: EntityManager, tokenHash: string): Promise<Invitation | null> {
    return em
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  all(em: EntityManager): Promise<Invitation[]> {
    return em.getRepository(Invitation).find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }

  save(em: EntityManager, invitation: Invitation): Promise<Invitation> {
    return em.save(invitation);
  }

  /** Whether another invitation still open (not used, revoked, expired or exhausted) promises the organization code. */
  async openPromising(em: EntityManager, code: string, exceptInvitation: string | null): Promise<boolean> {
    const [open] = await em.query(
      `SELECT 1 FROM invitations WHERE organization_code = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          AND refused_submissions < $3 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [code, exceptInvitation, INVITATION_MAX_REFUSED_SUBMISSIONS],
    );
    return Boolean(open);
  }

  /** Stores a (locked) invitation's count of refused applications, alone: nothing else of the row changes. */
  async saveRefusedSubmissions(em: EntityManager, invitation: Invitation): Promise<void> {
    await em.query(`UPDATE invitations SET refused_submissions = $2 WHERE id = $1`, [invitation.id, invitation.refusedSubmissions]);
  }
}
