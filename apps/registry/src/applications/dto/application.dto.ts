import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_MAX_NUMBERS,
  APPLICATION_STATUSES,
  ApplicationStatus,
  CHECKLIST_ITEMS,
  ChecklistItem,
  DOCUMENT_KINDS,
  DocumentKind,
  NUMBER_DIRECTIONS,
  NumberDirection,
  ORGANIZATION_KINDS,
  OrganizationKind,
  REVIEW_STATUSES,
  ReviewStatus,
} from '@app/domain';
import { DocumentDto } from '../../documents/document.dto';
import { HoldingDto } from '../../number-holdings/dto/holding.dto';
import { CreateNumberDto } from '../../numbers/dto/number.dto';
import { AccountPasswordDto, CreateUserDto } from '../../users/dto/user.dto';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';

const CARRIER_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

export class ApplicantContactDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(2)
  @MaxLength(128)
  fullName: string;

  @ApiProperty({ example: 'an.nguyen@bocongan.gov.vn' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '024 3822 6602' })
  @IsString()
  @MaxLength(32)
  phone: string;
}

/** The first admin's account: username and password by every account's rules (CreateUserDto), plus how to reach them. */
export class ApplicantDto extends IntersectionType(
  ApplicantContactDto,
  PickType(CreateUserDto, ['username'] as const),
  AccountPasswordDto,
) {}

export class ApplicationBrandnameDto {
  @ApiProperty({ example: 'BO CONG AN' })
  @IsString()
  @MaxLength(64)
  label: string;

  @ApiProperty({ example: 'Bộ Công an' })
  @IsString()
  @MaxLength(256)
  displayName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  displayNameAscii?: string;

  @ApiPropertyOptional({ example: 'Thông báo từ Bộ Công an' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  callReason?: string;
}

/** A number as a registration takes it (CreateNumberDto's rules), but its holding carrier is required here. */
export class ApplicationNumberDto extends PickType(CreateNumberDto, [
  'number',
  'direction',
  'allowedOrigins',
  'validFrom',
  'validTo',
] as const) {
  @ApiProperty({ example: 'VIETTEL', description: 'The carrier that assigned the number; it must confirm the holding' })
  @IsString()
  @Matches(CARRIER_CODE, { message: 'holdingCarrier must be a carrier code such as VIETTEL' })
  holdingCarrier: string;
}

export class CreateApplicationDto {
  @ApiProperty({ description: 'The token from the invitation' })
  @IsString()
  @MaxLength(128)
  invitationToken: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({ type: ApplicationBrandnameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicationBrandnameDto)
  brandname: ApplicationBrandnameDto;

  @ApiProperty({ type: [ApplicationNumberDto], maxItems: APPLICATION_MAX_NUMBERS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPLICATION_MAX_NUMBERS, { message: `numbers may list at most ${APPLICATION_MAX_NUMBERS}; import more after approval` })
  @ValidateNested({ each: true })
  @Type(() => ApplicationNumberDto)
  numbers: ApplicationNumberDto[];
}

export class UpdateApplicationDto {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ type: ApplicationBrandnameDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicationBrandnameDto)
  brandname?: ApplicationBrandnameDto;

  @ApiPropertyOptional({ type: [ApplicationNumberDto], description: 'The whole list: numbers left out are withdrawn' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPLICATION_MAX_NUMBERS)
  @ValidateNested({ each: true })
  @Type(() => ApplicationNumberDto)
  numbers?: ApplicationNumberDto[];

  @ApiPropertyOptional({ type: ApplicantContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantContactDto)
  contact?: ApplicantContactDto;
}

export class ApplicationQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class ReasonDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class ChecklistTickDto {
  @ApiProperty({ enum: CHECKLIST_ITEMS })
  @IsIn(CHECKLIST_ITEMS)
  item: ChecklistItem;

  @ApiProperty()
  @IsBoolean()
  checked: boolean;
}

export class DocumentUploadDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;
}

export class ChecklistEntryDto {
  @ApiProperty({ enum: CHECKLIST_ITEMS }) item: ChecklistItem;
  @ApiProperty() checked: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Who ticked it (null: cleared by a resubmission)' }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) at: string | null;
}

export class ApplicationOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
}

export class ApplicationBrandnameViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty() displayName: string;
  @ApiProperty() displayNameAscii: string;
  @ApiProperty({ nullable: true, type: String }) callReason: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
}

export class ApplicationNumberViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: string;
  @ApiProperty({ enum: NUMBER_DIRECTIONS }) direction: NumberDirection;
  @ApiProperty({ type: [String] }) allowedOrigins: string[];
  @ApiProperty({ nullable: true, type: String }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ type: HoldingDto, nullable: true }) holding: HoldingDto | null;
}

export class ApplicationApplicantDto extends ApplicantContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why changes were requested, or why it was rejected' })
  statusReason: string | null;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) invitationId: string;
  @ApiProperty({ type: ApplicationOrganizationDto }) organization: ApplicationOrganizationDto;
  @ApiProperty({ type: ApplicationBrandnameViewDto }) brandname: ApplicationBrandnameViewDto;
  @ApiProperty({ type: ApplicationApplicantDto }) applicant: ApplicationApplicantDto;
  @ApiProperty({ type: [ApplicationNumberViewDto] }) numbers: ApplicationNumberViewDto[];
  @ApiProperty({ type: [DocumentDto] }) documents: DocumentDto[];
  @ApiProperty({ type: [ChecklistEntryDto], description: 'The current state of each item' }) checklist: ChecklistEntryDto[];
  @ApiProperty({ type: [ChecklistEntryDto], description: 'Every tick and untick, in order' }) checklistHistory: ChecklistEntryDto[];
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: FourEyesDto, description: 'Submitted: whether you may approve it (GET only)' })
  fourEyes?: FourEyesDto;
}
