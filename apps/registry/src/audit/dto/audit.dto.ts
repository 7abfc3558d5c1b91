import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsNumberString, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AuditEvent } from '@app/database';
import type { AuditNames } from '../audit-names';

export const AUDIT_ENTITY_TYPES = [
  'organization',
  'brandname',
  'number',
  'user',
  'carrier',
  'carrier_api_key',
  'application',
  'invitation',
  'reorganization',
  'signing_key',
] as const;

/** The filters of the list, for a CSV export of the whole filtered range (no cursor, no page size). */
export class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ENTITY_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ENTITY_TYPES)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString()
  to?: string;
}

/** The list: the same filters, paged newest first by a cursor. */
export class AuditQueryDto extends AuditExportQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsNumberString({ no_symbols: true })
  @MaxLength(18)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
}

export class AuditEventDto {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "'system' for a system actor (the CLI)" }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A system actor’s name, e.g. cli:<os-user>; null for users' })
  actorLabel: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The actor's username (a carrier's code; a system actor's label), as it is now",
  })
  actorName: string | null;
  @ApiProperty({ example: 'number.approve' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What people call the object (code and name, label, number), as it is now' })
  entityName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The audited fields before (any JSON values)' })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The audited fields after (any JSON values)' })
  after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static from(e: AuditEvent, names: AuditNames): AuditEventDto {
    return {
      seq: e.seq,
      occurredAt: e.occurredAt.toISOString(),
      actorId: e.actorId,
      actorRole: e.actorRole,
      actorLabel: e.actorLabel,
      actorName: names.actor(e),
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      entityName: names.entity(e),
      before: e.before,
      after: e.after,
      requestId: e.requestId,
      ip: e.ip,
      prevHash: e.prevHash,
      hash: e.hash,
    };
  }
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditVerificationDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Events checked before the first break (all of them when valid)' }) checked: number;
  @ApiProperty({ nullable: true, type: Number }) brokenAt: number | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}
