import { ApiProperty } from '@nestjs/swagger';
import { StoredDocument } from '@app/database';

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['decision', 'carrier_contract', 'other', 'carrier_letter'] }) kind: string;
  @ApiProperty() filename: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'], description: 'Read from the content, not the upload' })
  mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'Lowercase hex SHA-256 of the content' }) sha256: string;
  @ApiProperty({ nullable: true, type: String }) uploadedBy: string | null;
  @ApiProperty() uploadedAt: string;

  static from(d: StoredDocument): DocumentDto {
    return {
      id: d.id,
      kind: d.kind,
      filename: d.filename,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedBy: d.uploadedBy,
      uploadedAt: d.uploadedAt.toISOString(),
    };
  }
}
