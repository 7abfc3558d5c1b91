import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ORGANIZATION_KINDS, OrganizationKind, REVIEW_STATUSES, ReviewStatus } from '@app/domain';
import { Organization } from '@app/database';
import { ReviewStateDto, reviewStateOf } from '../../revisions/dto/review-state.dto';
import { RevisionDto } from '../../revisions/dto/revision.dto';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'MIC', description: 'Short code, upper-case letters, digits and _' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{1,31}$/, { message: 'code must be 2-32 letters, digits or _, starting with a letter' })
  code: string;

  @ApiProperty({ example: 'Bộ Thông tin và Truyền thông' })
  @IsString()
  @MaxLength(255)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  parentId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  rolloutWave?: number;
}

export class UpdateOrganizationDto {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Reviewed: on a live organization it waits in pendingRevision' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Reviewed: on a live organization it waits in pendingRevision',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  parentId?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(100)
  rolloutWave?: number | null;

  @ApiPropertyOptional({
    description:
      'Its agency admins must enrol a second factor (TOTP) at their next sign-in. Requiring it applies at once; lifting it waits in pendingRevision for a second regulator',
  })
  @IsOptional()
  @IsBoolean()
  secondFactorRequired?: boolean;
}

export class OrganizationQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional({ example: 'bo cong an', description: 'Code or name, without diacritics if you like ("đ" matches "d")' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganizationDto extends ReviewStateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MIC' }) code: string;
  @ApiProperty({ example: 'Bộ Thông tin và Truyền thông' }) name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES, description: 'merged: terminal, its numbers moved to successorId' }) status: ReviewStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The organization it was merged into' })
  successorId: string | null;
  @ApiProperty({ nullable: true, type: Number }) rolloutWave: number | null;
  @ApiProperty({ description: 'Its agency admins must have a second factor' }) secondFactorRequired: boolean;

  static from(o: Organization, pendingRevision: RevisionDto | null, pendingReinstate: RevisionDto | null = null): OrganizationDto {
    return {
      id: o.id,
      code: o.code,
      name: o.name,
      kind: o.kind,
      parentId: o.parentId,
      status: o.status,
      successorId: o.successorId,
      rolloutWave: o.rolloutWave,
      secondFactorRequired: o.secondFactorRequired,
      ...reviewStateOf(o, pendingRevision, pendingReinstate),
    };
  }
}
