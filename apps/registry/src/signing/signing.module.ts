import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { PublishingModule } from '../publishing/publishing.module';
import { JwksController } from './jwks.controller';
import { ResignService } from './resign.service';
import { SignaturesRepository } from './signatures.repository';
import { SigningKeysService } from './signing-keys.service';
import { SnapshotTrailerSigner } from './snapshot-trailer-signer.service';

/**
 * The JWKS, rotation, the background re-sign and the lookup's snapshot trailers (EntrySigner and the
 * SigningKeysRepository it reads: PublishingModule).
 */
@Module({
  imports: [AuditModule, PipelineModule, PublishingModule],
  controllers: [JwksController],
  providers: [SigningKeysService, ResignService, SnapshotTrailerSigner, SignaturesRepository],
  exports: [SigningKeysService, ResignService],
})
export class SigningModule {}
