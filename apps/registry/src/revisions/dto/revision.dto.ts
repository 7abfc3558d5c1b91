import { ApiProperty } from '@nestjs/swagger';
import { Revision } from '@app/database';

/** A change to a live item waiting for a second person; the item answers lookups as approved until then. */
export class RevisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: string;
  @ApiProperty({ description: 'The proposed values of the reviewed fields', example: { label: 'BO KHCN' } })
  changes: Record<string, unknown>;
  @ApiProperty({ description: 'The live values of the same fields when proposed', example: { label: 'BO TTTT' } })
  previous: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'Who proposed it (may not approve it)' }) submittedBy: string | null;
  @ApiProperty() createdAt: string;

  static from(r: Revision): RevisionDto {
    return {
      id: r.id,
      status: r.status,
      changes: r.changes,
      previous: r.previous,
      submittedBy: r.submittedBy,
      createdAt: r.createdAt.toISOString(),
    };
  }
}
