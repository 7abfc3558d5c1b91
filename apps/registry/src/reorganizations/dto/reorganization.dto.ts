import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REORGANIZATION_KINDS, REORGANIZATION_STATUSES, ReorganizationKind, ReorganizationStatus } from '@app/domain';
import { Reorganization } from '@app/database';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';

/** A transfer moves at most this many numbers at once (a merge moves all of them, however many). */
export const TRANSFER_MAX_NUMBERS = 10_000;

export class CreateReorganizationDto {
  @ApiProperty({ enum: REORGANIZATION_KINDS, description: 'merge: every number moves and the source ends; transfer: numberIds move' })
  @IsIn(REORGANIZATION_KINDS)
  kind: ReorganizationKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  fromOrganizationId: string;

  @ApiProperty({ format: 'uuid', description: 'Must be active' })
  @IsUUID('4')
  toOrganizationId: string;

  @ApiProperty({ format: 'uuid', description: "One of the target organization's own active brandnames" })
  @IsUUID('4')
  toBrandnameId: string;

  @ApiPropertyOptional({ type: [String], description: 'transfer only: the numbers (ids) that move' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TRANSFER_MAX_NUMBERS)
  @IsUUID('4', { each: true })
  numberIds?: string[];

  @ApiProperty({
    example: '2025-03-01T00:00:00+07:00',
    description: 'ISO 8601 with an offset; when it is past at approval, the reorganization runs at once',
  })
  @IsString()
  @MaxLength(40)
  effectiveAt: string;

  @ApiProperty({ example: 'Nghị định 55/2025/NĐ-CP: hợp nhất Bộ TT&TT vào Bộ KH&CN', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class ReorganizationQueryDto {
  @ApiPropertyOptional({ enum: REORGANIZATION_STATUSES })
  @IsOptional()
  @IsIn(REORGANIZATION_STATUSES)
  status?: ReorganizationStatus;
}

export class CancelReorganizationDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ReorganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REORGANIZATION_KINDS }) kind: ReorganizationKind;
  @ApiProperty({ enum: REORGANIZATION_STATUSES }) status: ReorganizationStatus;
  @ApiProperty({ format: 'uuid' }) fromOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) toOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) toBrandnameId: string;
  @ApiProperty({ type: [String], nullable: true }) numberIds: string[] | null;
  @ApiProperty() effectiveAt: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who proposed it' }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledBy: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'How many numbers moved' }) movedNumbers: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'failed: the code of the rule it no longer met when due' })
  failureCode: string | null;
  @ApiProperty({ nullable: true, type: String }) failureMessage: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: FourEyesDto, description: 'Pending: whether you may approve it (GET only)' })
  fourEyes?: FourEyesDto;

  static from(r: Reorganization): ReorganizationDto {
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      fromOrganizationId: r.fromOrganizationId,
      toOrganizationId: r.toOrganizationId,
      toBrandnameId: r.toBrandnameId,
      numberIds: r.numberIds,
      effectiveAt: r.effectiveAt.toISOString(),
      reason: r.reason,
      createdBy: r.createdBy,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      cancelledBy: r.cancelledBy,
      completedAt: r.completedAt?.toISOString() ?? null,
      movedNumbers: r.movedNumbers,
      failureCode: r.failureCode,
      failureMessage: r.failureMessage,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  }
}
