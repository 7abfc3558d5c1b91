import { ApiProperty } from '@nestjs/swagger';
import { Revision } from '@app/database';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';
import { FIELD_VALUE_SCHEMA } from './field-value';

/** A change to a live item waiting for a second person; the item answers lookups as approved until then. */
export class RevisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['change', 'reinstate'], description: 'change: reviewed field values; reinstate: a requested reinstatement' })
  kind: 'change' | 'reinstate';
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: FIELD_VALUE_SCHEMA,
    description: 'The proposed values of the reviewed fields (a reinstatement: the status it would get)',
    example: { label: 'BO KHCN' },
  })
  changes: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: FIELD_VALUE_SCHEMA,
    description: 'The live values of the same fields when proposed',
    example: { label: 'BO TTTT' },
  })
  previous: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'Who proposed it (may not approve it)' }) submittedBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was requested (a reinstatement)' }) reason: string | null;
  @ApiProperty({ required: false, type: FourEyesDto, description: 'Whether you may approve it (GET responses only)' })
  fourEyes?: FourEyesDto;

  static from(r: Revision): RevisionDto {
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      changes: r.changes,
      previous: r.previous,
      submittedBy: r.submittedBy,
      createdAt: r.createdAt.toISOString(),
      reason: r.reason,
    };
  }
}
