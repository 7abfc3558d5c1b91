import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ERROR_CODES, ErrorCode, REVIEW_STATUSES, ReviewStatus } from '@app/domain';
import { FOUR_EYES_RULES } from '@app/platform';
import { REVIEW_CHANGES, REVIEWABLE_KINDS, ReviewableKind, ReviewChange } from './review.dto';

/** One request approves at most this many items: each is its own transaction, audited one by one. */
export const BULK_APPROVE_MAX = 200;

export class ReviewItemRefDto {
  @ApiProperty({ enum: REVIEWABLE_KINDS })
  @IsIn(REVIEWABLE_KINDS)
  kind: ReviewableKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  id: string;

  @ApiPropertyOptional({
    enum: REVIEW_CHANGES,
    description:
      'What to approve: the pending item (new), its pending revision, or its requested reinstatement; default: the item if pending, else its revision',
  })
  @IsOptional()
  @IsIn(REVIEW_CHANGES)
  change?: ReviewChange;
}

export class BulkApproveDto {
  @ApiProperty({ type: [ReviewItemRefDto], minItems: 1, maxItems: BULK_APPROVE_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_APPROVE_MAX)
  @ValidateNested({ each: true })
  @Type(() => ReviewItemRefDto)
  items: ReviewItemRefDto[];

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ItemErrorDto {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'FOUR_EYES_REQUIRED' }) code: ErrorCode;
  @ApiProperty() message: string;
  @ApiPropertyOptional({
    enum: FOUR_EYES_RULES,
    enumName: 'FourEyesRule',
    description: 'FOUR_EYES_REQUIRED: which rule of the four-eyes decision refused it',
  })
  rule?: string;
}

export class BulkItemResultDto {
  @ApiProperty({ enum: REVIEWABLE_KINDS }) kind: ReviewableKind;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ enum: REVIEW_CHANGES, description: 'As sent' }) change?: ReviewChange;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, description: 'The status after approval (ok)' }) status?: ReviewStatus;
  @ApiPropertyOptional({ type: ItemErrorDto, description: 'Why it was refused (not ok); the others are unaffected' })
  error?: ItemErrorDto;
}

export class BulkApproveResultDto {
  @ApiProperty({ type: [BulkItemResultDto], description: 'One result per item, in the order sent' })
  results: BulkItemResultDto[];
}
