import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';
import { RevisionDto } from './revision.dto';

/** What waits beside a reviewed item (organization, brandname, number), and the signed-in person's verdict on it. */
export abstract class ReviewStateDto {
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
