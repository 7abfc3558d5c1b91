import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { HOLDING_STATUSES, HoldingStatus, REVIEW_STATUSES, ReviewStatus } from '@app/domain';
import { PageQuery } from '../../common/paging';

export class ConfirmationQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: HOLDING_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(HOLDING_STATUSES)
  status: HoldingStatus = 'pending';
}

export class ConfirmationOrganizationDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class PendingConfirmationDto {
  @ApiProperty({ format: 'uuid' }) numberId: string;
  @ApiProperty({ example: '+842439437142' }) number: string;
  @ApiProperty({ type: ConfirmationOrganizationDto }) organization: ConfirmationOrganizationDto;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ enum: HOLDING_STATUSES }) status: HoldingStatus;
}

export class ConfirmationPageDto {
  @ApiProperty({ type: [PendingConfirmationDto] }) items: PendingConfirmationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ConfirmationDecisionDto {
  @ApiProperty({ enum: ['confirm', 'deny'] })
  @IsIn(['confirm', 'deny'])
  decision: 'confirm' | 'deny';

  @ApiPropertyOptional({ description: "The carrier's own reference (contract, ticket)", maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ description: 'Why (shown to the agency when denied)', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ReleaseDto {
  @ApiProperty({ description: 'Why: line terminated, ported away, ...', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class OnBehalfDto {
  @ApiProperty({ description: 'Why the regulator confirms for the carrier', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({ description: "The carrier letter's reference", maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class ConfirmationResultDto {
  @ApiProperty({ format: 'uuid' }) numberId: string;
  @ApiProperty() number: string;
  @ApiProperty({ enum: HOLDING_STATUSES }) holdingStatus: HoldingStatus;
  @ApiProperty({ enum: REVIEW_STATUSES, description: 'The number after the decision (active when an approval already covered it)' })
  numberStatus: ReviewStatus;
}
