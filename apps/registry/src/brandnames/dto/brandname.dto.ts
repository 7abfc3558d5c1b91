import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { REVIEW_STATUSES, ReviewStatus } from '@app/domain';
import { Brandname } from '@app/database';
import { ReviewStateDto, reviewStateOf } from '../../revisions/dto/review-state.dto';
import { RevisionDto } from '../../revisions/dto/revision.dto';

/** Regulators only: accepting a near look-alike, with the reason (stored and audited). */
function LookalikeOverrideReason(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: "Regulators only: accept a name one character away from another organization's, with the reason (audited)",
      maxLength: 1000,
    }),
    IsOptional(),
    IsString(),
    MaxLength(1000),
  );
}

export class CreateBrandnameDto {
  @ApiProperty({ example: 'BO TTTT', description: '1-11 of A-Z a-z 0-9 - _ . and space, not all digits (Decree 91/2020 Art. 23)' })
  @IsString()
  @MaxLength(64)
  label: string;

  @ApiProperty({ example: 'Bộ TT&TT', description: 'Vietnamese name for rich displays, 2-32 characters' })
  @IsString()
  @MaxLength(256)
  displayName: string;

  @ApiPropertyOptional({ example: 'Bo TT&TT', description: 'Derived from displayName when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  displayNameAscii?: string;

  @ApiPropertyOptional({ example: 'Thông báo từ Bộ', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  callReason?: string;

  @LookalikeOverrideReason()
  lookalikeOverrideReason?: string;
}

export class UpdateBrandnameDto {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Reviewed: on a live brandname it waits in pendingRevision' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  label?: string;

  @ApiPropertyOptional({ description: 'Reviewed: on a live brandname it waits in pendingRevision' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 256 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(256)
  displayNameAscii?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 256 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(256)
  callReason?: string | null;

  @LookalikeOverrideReason()
  lookalikeOverrideReason?: string;
}

export class BrandnameDto extends ReviewStateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: 'BO TTTT' }) label: string;
  @ApiProperty({ example: 'Bộ TT&TT' }) displayName: string;
  @ApiProperty({ example: 'Bo TT&TT' }) displayNameAscii: string;
  @ApiProperty({ nullable: true, type: String }) callReason: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Three years after approval' }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: "A regulator's reason for accepting a near look-alike" }) lookalikeOverride:
    string | null;

  static from(b: Brandname, pendingRevision: RevisionDto | null, pendingReinstate: RevisionDto | null = null): BrandnameDto {
    return {
      id: b.id,
      organizationId: b.organizationId,
      label: b.label,
      displayName: b.displayName,
      displayNameAscii: b.displayNameAscii,
      callReason: b.callReason,
      status: b.status,
      approvedAt: b.approvedAt ? b.approvedAt.toISOString() : null,
      expiresAt: b.expiresAt ? b.expiresAt.toISOString() : null,
      lookalikeOverride: b.lookalikeOverride,
      ...reviewStateOf(b, pendingRevision, pendingReinstate),
    };
  }
}
