import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';
import { RevisionDto } from './revision.dto';

/** The columns every reviewed item (organization, brandname, number) has beside its own. */
export interface ReviewedRow {
  statusReason: string | null;
  submittedBy: string | null;
  lastChangedBy: string | null;
  statusChangedBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What every reviewed item (organization, brandname, number) shows beside its own fields: who submitted and
 * changed it, what waits beside it, and the signed-in person's verdict on it.
 */
export abstract class ReviewStateDto {
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who submitted it (may not approve it)' }) submittedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who last changed it (may not approve it)' }) lastChangedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who made the last status change (may not reinstate it)' }) statusChangedBy:
    string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({
    type: RevisionDto,
    nullable: true,
    description: 'A change waiting for review; the fields above answer until it is approved',
  })
  pendingRevision: RevisionDto | null;

  @ApiProperty({
    type: RevisionDto,
    nullable: true,
    description: 'A requested reinstatement of this suspended item, waiting for a second person',
  })
  pendingReinstate: RevisionDto | null;

  @ApiPropertyOptional({
    type: FourEyesDto,
    description: 'A pending item: whether you may approve it (GET responses only; the console shows it and never re-decides)',
  })
  fourEyes?: FourEyesDto;
}

/** The shared fields of a reviewed item's DTO, from its row. */
export function reviewStateOf(
  row: ReviewedRow,
  pendingRevision: RevisionDto | null,
  pendingReinstate: RevisionDto | null,
): Omit<ReviewStateDto, 'fourEyes'> {
  return {
    statusReason: row.statusReason,
    submittedBy: row.submittedBy,
    lastChangedBy: row.lastChangedBy,
    statusChangedBy: row.statusChangedBy,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    pendingRevision,
    pendingReinstate,
  };
}
