import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for the upload rate (DOCUMENT_UPLOADS_PER_HOUR): each upload counts the uploader's documents of the last
 * hour, which without it scans every document row.
 */
export class DocumentsByUploader1796270000000 implements MigrationInterface {
  name = 'DocumentsByUploader1796270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX documents_uploader_idx ON documents (uploaded_by, uploaded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX documents_uploader_idx`);
  }
}
