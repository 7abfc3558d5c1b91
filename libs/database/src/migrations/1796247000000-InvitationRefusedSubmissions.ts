import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `invitations.refused_submissions`: how many applications its token has had refused. The public application
 * form counts every refusal after the token is accepted, in the same transaction as the refusal's audit event,
 * so whoever holds one invitation cannot ask the registry about names more than the domain's limit
 * (INVITATION_MAX_REFUSED_SUBMISSIONS), across restarts and instances.
 */
export class InvitationRefusedSubmissions1796247000000 implements MigrationInterface {
  name = 'InvitationRefusedSubmissions1796247000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations ADD COLUMN refused_submissions int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE invitations ADD CONSTRAINT invitations_refused_submissions_check CHECK (refused_submissions >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations DROP CONSTRAINT invitations_refused_submissions_check`);
    await q.query(`ALTER TABLE invitations DROP COLUMN refused_submissions`);
  }
}
