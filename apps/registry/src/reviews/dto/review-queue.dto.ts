import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { NUMBER_DIRECTIONS, NumberDirection, REVIEW_STATUSES, ReviewStatus } from '@app/domain';
import { OrganizationRefDto } from '../../organizations/dto/organization-ref.dto';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';
import { FIELD_VALUE_SCHEMA } from '../../revisions/dto/field-value';
import { REVIEW_CHANGES, REVIEWABLE_KINDS, ReviewableKind, ReviewChange } from './review.dto';

export const QUEUE_PAGE_MAX = 200;

export class ReviewQueueQueryDto {
  @ApiPropertyOptional({ enum: REVIEWABLE_KINDS })
  @IsOptional()
  @IsIn(REVIEWABLE_KINDS)
  kind?: ReviewableKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only items of this organization' })
  @IsOptional()
  @IsUUID('4')
  organizationId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: QUEUE_PAGE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(QUEUE_PAGE_MAX)
  limit = 50;
}

export class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: 'null if the account no longer exists' }) username: string | null;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'direction' }) field: string;
  @ApiProperty({ ...FIELD_VALUE_SCHEMA, description: 'The live value' }) before: unknown;
  @ApiProperty({ ...FIELD_VALUE_SCHEMA, description: 'The proposed value' }) after: unknown;
}

export class ReviewItemDto {
  @ApiProperty({ enum: REVIEWABLE_KINDS }) kind: ReviewableKind;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: REVIEW_CHANGES,
    description: 'new: a pending item; revision: a pending change of a live item; reinstate: a requested reinstatement of a suspended item',
  })
  change: ReviewChange;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiProperty({ description: 'The version of the item' }) version: number;
  @ApiProperty({ type: OrganizationRefDto }) organization: OrganizationRefDto;
  @ApiProperty({ type: UserRefDto, nullable: true }) submittedBy: UserRefDto | null;
  @ApiProperty({ description: 'When it was submitted (a revision: proposed)' }) submittedAt: string;
  @ApiProperty({ type: [FieldChangeDto], description: 'A revision: before and after per field; a new item: empty' })
  changes: FieldChangeDto[];
  @ApiProperty({ nullable: true, type: String, description: 'reinstate: why it was requested' }) reason: string | null;
  @ApiProperty({ type: FourEyesDto, description: 'Whether you may approve it: the server decides, the console shows' })
  fourEyes: FourEyesDto;
  @ApiPropertyOptional({ example: '+842439437142', description: 'numbers' }) number?: string;
  @ApiPropertyOptional({ example: '024 3943 7142', description: 'numbers' }) nationalNumber?: string;
  @ApiPropertyOptional({ enum: NUMBER_DIRECTIONS, description: 'numbers' }) direction?: NumberDirection;
  @ApiPropertyOptional({ type: [String], description: 'numbers; empty: every domestic carrier' }) allowedOrigins?: string[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'numbers' }) validFrom?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'numbers' }) validTo?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'numbers' }) evidence?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'numbers: holding carrier confirmation status' })
  holdingStatus?: string | null;
  @ApiPropertyOptional({ description: "numbers and brandnames: the brandname's label" }) label?: string;
  @ApiPropertyOptional({ description: 'brandnames' }) displayName?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'brandnames' }) callReason?: string | null;
  @ApiPropertyOptional({ description: 'organizations: kind' }) organizationKind?: string;
}

export class ReviewQueuePageDto {
  @ApiProperty({ type: [ReviewItemDto] }) items: ReviewItemDto[];
  @ApiProperty({ description: 'Items waiting in total (with the same filters)' }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
