import { Module } from '@nestjs/common';
import { JwksController } from './jwks.controller';
import { ResignService } from './resign.service';
import { SigningKeysService } from './signing-keys.service';
import { SnapshotTrailerSigner } from './snapshot-trailer-signer.service';

/** The JWKS, rotation, the background re-sign and the lookup's snapshot trailers (EntrySigner: PublishingModule). */
@Module({
  controllers: [JwksController],
  providers: [SigningKeysService, ResignService, SnapshotTrailerSigner],
  exports: [SigningKeysService, ResignService],
})
export class SigningModule {}
