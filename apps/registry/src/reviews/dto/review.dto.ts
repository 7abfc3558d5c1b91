import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export const REVIEWABLE_KINDS = ['organizations', 'brandnames', 'numbers'] as const;
export type ReviewableKind = (typeof REVIEWABLE_KINDS)[number];
/** What waits for a reviewer: a pending item, a pending revision of a live one, or a requested reinstatement. */
export const REVIEW_CHANGES = ['new', 'revision', 'reinstate'] as const;
export type ReviewChange = (typeof REVIEW_CHANGES)[number];

export class ReviewActionDto {
  @ApiPropertyOptional({ description: 'Required for every action but approve', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
