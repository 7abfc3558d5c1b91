import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  INVITATION_MAX_REFUSED_SUBMISSIONS,
  INVITATION_STATUSES,
  InvitationStatus,
  ORGANIZATION_KINDS,
  OrganizationKind,
} from '@app/domain';

export class CreateInvitationDto {
  @ApiProperty({ example: 'BCA', description: 'The organization code it will have' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{1,31}$/, { message: 'organizationCode must be 2-32 letters, digits or _, starting with a letter' })
  organizationCode: string;

  @ApiProperty({ example: 'Bộ Công an', description: 'Its legal name, as in its founding decision' })
  @IsString()
  @MaxLength(255)
  organizationName: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  parentOrganizationId?: string;
}

export class InvitationQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() organizationCode: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentOrganizationId: string | null;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) usedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({
    description: `Applications refused with its token; at ${INVITATION_MAX_REFUSED_SUBMISSIONS} it is exhausted and takes no more`,
  })
  refusedSubmissions: number;
}

export class CreatedInvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Shown once: send it to the organization (only its hash is stored)' }) token: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() organizationCode: string;
}
