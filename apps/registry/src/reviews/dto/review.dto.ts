import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export const REVIEWABLE_KINDS = ['organizations', 'brandnames', 'numbers'] as const;
export type ReviewableKind = (typeof REVIEWABLE_KINDS)[number];

export class ReviewActionDto {
  @ApiPropertyOptional({ description: 'Required for every action but approve', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
