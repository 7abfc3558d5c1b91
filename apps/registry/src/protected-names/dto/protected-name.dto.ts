import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  ORGANIZATION_KINDS,
  OrganizationKind,
  PROTECTED_NAME_ACTIONS,
  PROTECTED_NAME_PROPOSAL_STATUSES,
  PROTECTED_NAME_STATUSES,
  ProtectedNameAction,
  ProtectedNameProposalStatus,
  ProtectedNameStatus,
} from '@app/domain';
import { ProtectedNameProposal, ProtectedNameRow } from '@app/database';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';

export class ProtectedNameQueryDto {
  @ApiPropertyOptional({ description: 'Part of the term or of a spelling; diacritics and case ignored', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: PROTECTED_NAME_STATUSES })
  @IsOptional()
  @IsIn(PROTECTED_NAME_STATUSES)
  status?: ProtectedNameStatus;
}

export class ProposalQueryDto {
  @ApiPropertyOptional({ enum: PROTECTED_NAME_PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROTECTED_NAME_PROPOSAL_STATUSES)
  status?: ProtectedNameProposalStatus;
}

export class CreateProposalDto {
  @ApiProperty({ enum: PROTECTED_NAME_ACTIONS, description: 'add a name, change one (protectedNameId), remove one (protectedNameId)' })
  @IsIn(PROTECTED_NAME_ACTIONS)
  action: ProtectedNameAction;

  @ApiPropertyOptional({ format: 'uuid', description: 'change and remove: the name in force' })
  @IsOptional()
  @IsUUID('4')
  protectedNameId?: string;

  @ApiPropertyOptional({ example: 'Cảnh sát giao thông', maxLength: 64, description: 'add and change (change: omitted keeps it)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  term?: string;

  @ApiPropertyOptional({ type: [String], example: ['CSGT', 'Cảnh sát GT'], description: 'Abbreviations and common spellings' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  spellings?: string[];

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, isArray: true, description: 'The kinds of organization that may use it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ORGANIZATION_KINDS.length)
  @IsIn(ORGANIZATION_KINDS, { each: true })
  kinds?: OrganizationKind[];

  @ApiPropertyOptional({ example: 'Luật Công an nhân dân 2018, Điều 16', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiProperty({ example: 'Lừa đảo mạo danh CSGT tăng', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class DecisionReasonDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
}

export class ProtectedNameProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PROTECTED_NAME_ACTIONS }) action: ProtectedNameAction;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) protectedNameId: string | null;
  @ApiProperty() term: string;
  @ApiProperty({ type: [String] }) spellings: string[];
  @ApiProperty({ enum: ORGANIZATION_KINDS, isArray: true }) kinds: OrganizationKind[];
  @ApiProperty() source: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: PROTECTED_NAME_PROPOSAL_STATUSES }) status: ProtectedNameProposalStatus;
  @ApiProperty({ type: PersonRefDto, nullable: true }) createdBy: PersonRefDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) decidedBy: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiPropertyOptional({ type: FourEyesDto, description: 'While pending: whether you may approve it, and why not' })
  fourEyes?: FourEyesDto;

  static from(p: ProtectedNameProposal, names: Map<string, string> = new Map()): ProtectedNameProposalDto {
    const person = (id: string | null) => (id ? { id, username: names.get(id) ?? id } : null);
    return {
      id: p.id,
      action: p.action,
      protectedNameId: p.protectedNameId,
      term: p.term,
      spellings: [...p.spellings],
      kinds: [...p.kinds],
      source: p.source,
      reason: p.reason,
      status: p.status,
      createdBy: person(p.createdBy),
      createdAt: p.createdAt.toISOString(),
      decidedBy: person(p.decidedBy),
      decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
      decisionReason: p.decisionReason,
    };
  }
}

export class ProtectedNameDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Cảnh sát giao thông' }) term: string;
  @ApiProperty({ type: [String] }) spellings: string[];
  @ApiProperty({ enum: ORGANIZATION_KINDS, isArray: true }) kinds: OrganizationKind[];
  @ApiProperty() source: string;
  @ApiProperty({ enum: PROTECTED_NAME_STATUSES }) status: ProtectedNameStatus;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: ProtectedNameProposalDto, nullable: true }) pendingProposal: ProtectedNameProposalDto | null;

  static from(row: ProtectedNameRow, pending: ProtectedNameProposalDto | null): ProtectedNameDto {
    return {
      id: row.id,
      term: row.term,
      spellings: [...row.spellings],
      kinds: [...row.kinds],
      source: row.source,
      status: row.status,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
      pendingProposal: pending,
    };
  }
}
