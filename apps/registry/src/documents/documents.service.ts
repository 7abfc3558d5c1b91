import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { assertDocumentAcceptable, DomainError } from '@app/domain';
import { StoredDocument } from '@app/database';
import { DocumentsRepository } from './documents.repository';

export interface UploadedDocument {
  applicationId: string | null;
  kind: string;
  filename: string;
  content: Buffer;
  /** The Content-Type the sender gave the part, checked against the content. */
  declaredType?: string;
  uploadedBy: string | null;
}

/** Uploaded files: their type is read from their bytes, their SHA-256 kept beside them. */
@Injectable()
export class DocumentsService {
  constructor(private readonly documents: DocumentsRepository) {}

  async store(em: EntityManager, upload: UploadedDocument): Promise<StoredDocument> {
    const mediaType = assertDocumentAcceptable(upload.content, { filename: upload.filename, mediaType: upload.declaredType });
    const doc = em.create(StoredDocument, {
      applicationId: upload.applicationId,
      kind: upload.kind,
      filename: safeFilename(upload.filename),
      mediaType,
      sizeBytes: upload.content.length,
      sha256: createHash('sha256').update(upload.content).digest('hex'),
      content: upload.content,
      uploadedBy: upload.uploadedBy,
    });
    const saved = await this.documents.save(em, doc);
    return { ...saved, content: Buffer.alloc(0) } as StoredDocument;
  }

  async listFor(em: EntityManager, applicationId: string): Promise<StoredDocument[]> {
    return this.documents.listFor(em, applicationId);
  }

  /** One document with its bytes. */
  async read(em: EntityManager, applicationId: string, id: string): Promise<StoredDocument> {
    const doc = await this.documents.withContent(em, applicationId, id);
    if (!doc) throw new DomainError('NOT_FOUND', 'No such document');
    return doc;
  }
}

/** The name as shown and sent back in Content-Disposition: no path, no control characters, bounded. */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'document';
}
