import { Global, Module } from '@nestjs/common';
import { DocumentsService } from './documents.service';

/** Stored files, shared by applications and by regulators' confirmations for a carrier. */
@Global()
@Module({ providers: [DocumentsService], exports: [DocumentsService] })
export class DocumentsModule {}
