import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { assertDocumentAcceptable, assertUploadRateAllows, assertWithinDocumentQuota, DocumentLimits, DomainError } from '@app/domain';
import { RegistryConfig } from '@app/platform';
import { StoredDocument } from '@app/database';
import { DocumentsRepository } from './documents.repository';
import { StorageRoom } from './storage-room';

export interface UploadedDocument {
  applicationId: string | null;
  kind: string;
  filename: string;
  content: Buffer;
  /** The Content-Type the sender gave the part, checked against the content. */
  declaredType?: string;
  uploadedBy: string | null;
  /** An applicant's upload: held to its application's and organization's quotas (a regulator's is not). */
  quotaOf?: { organizationId: string };
}

/** Uploaded files: their type is read from their bytes, their SHA-256 kept beside them. */
@Injectable()
export class DocumentsService {
  private readonly limits: DocumentLimits;

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly storage: StorageRoom,
    config: RegistryConfig,
  ) {
    const mb = 1024 * 1024;
    this.limits = {
      perApplicationCount: config.DOCUMENTS_PER_APPLICATION,
      perApplicationBytes: config.DOCUMENT_MB_PER_APPLICATION * mb,
      perOrganizationBytes: config.DOCUMENT_MB_PER_ORGANIZATION * mb,
      uploadsPerWindow: config.DOCUMENT_UPLOADS_PER_HOUR,
      windowSeconds: 3600,
    };
  }

  async store(em: EntityManager, upload: UploadedDocument): Promise<StoredDocument> {
    const mediaType = assertDocumentAcceptable(upload.content, { filename: upload.filename, mediaType: upload.declaredType });
    await this.admit(em, upload);
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

  /** Quotas, the account's upload rate and the disk, checked under locks held until the upload commits. */
  private async admit(em: EntityManager, upload: UploadedDocument): Promise<void> {
    const size = upload.content.length;
    if (upload.quotaOf && upload.applicationId) {
      await this.documents.lockQuota(em, 'organization', upload.quotaOf.organizationId);
      const usage = await this.documents.usage(em, upload.applicationId, upload.quotaOf.organizationId);
      assertWithinDocumentQuota(usage, size, this.limits);
    }
    if (upload.uploadedBy && this.limits.uploadsPerWindow > 0) {
      await this.documents.lockQuota(em, 'uploader', upload.uploadedBy);
      assertUploadRateAllows(await this.documents.recentUploads(em, upload.uploadedBy, this.limits.windowSeconds), this.limits);
    }
    await this.storage.assertRoomFor(size);
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
