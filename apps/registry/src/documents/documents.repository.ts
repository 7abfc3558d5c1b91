import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoredDocument } from '@app/database';

/** Stored files (their bytes are read only when asked for: the column is not selected by default). */
@Injectable()
export class DocumentsRepository {
  save(em: EntityManager, doc: StoredDocument): Promise<StoredDocument> {
    return em.save(doc);
  }

  /** An application's documents, without their bytes, in upload order. */
  listFor(em: EntityManager, applicationId: string): Promise<StoredDocument[]> {
    return em.find(StoredDocument, { where: { applicationId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  /** One document of an application, with its bytes. */
  withContent(em: EntityManager, applicationId: string, id: string): Promise<StoredDocument | null> {
    return em
      .getRepository(StoredDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :id AND d.application_id = :applicationId', { id, applicationId })
      .getOne();
  }
}
