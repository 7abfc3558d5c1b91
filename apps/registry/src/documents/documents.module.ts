import { Module } from '@nestjs/common';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { StorageRoom } from './storage-room';

/** Stored files, shared by applications and by regulators' confirmations for a carrier. */

@Module({ providers: [DocumentsService, DocumentsRepository, StorageRoom], exports: [DocumentsService] })
export class DocumentsModule {}
