import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  CLAIM_STATUSES,
  ERROR_CODES,
  ErrorCode,
  NUMBER_DIRECTIONS,
  NumberDirection,
  PhoneNumberType,
  REVIEW_STATUSES,
  ReviewStatus,
} from '@app/domain';
import { CallerNumber } from '@app/database';
import { PageQuery } from '../../common/paging';
import { HoldingDto } from '../../number-holdings/dto/holding.dto';
import { ReviewStateDto, reviewStateOf } from '../../revisions/dto/review-state.dto';
import { RevisionDto } from '../../revisions/dto/revision.dto';

const ORIGIN_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

/** Every kind of number the parser tells apart (a Record, so a new PhoneNumberType without an entry does not compile). */
const PHONE_NUMBER_TYPE_SET: Record<PhoneNumberType, true> = {
  fixed_line: true,
  mobile: true,
  toll_free: true,
  premium_rate: true,
  shared_cost: true,
  voip: true,
  uan: true,
  other: true,
};
export const PHONE_NUMBER_TYPES = Object.keys(PHONE_NUMBER_TYPE_SET) as PhoneNumberType[];

export class CreateNumberDto {
  @ApiProperty({ example: '024 3943 7142', description: 'Any Vietnamese format; stored as E.164' })
  @IsString()
  @MaxLength(64)
  number: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('4')
  brandnameId: string;

  @ApiPropertyOptional({ enum: NUMBER_DIRECTIONS, default: 'outbound' })
  @IsOptional()
  @IsIn(NUMBER_DIRECTIONS)
  direction?: NumberDirection;

  @ApiPropertyOptional({ type: [String], example: ['VIETTEL', 'VINAPHONE'], description: 'Empty: every domestic carrier' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(ORIGIN_CODE, { each: true, message: 'each allowed origin must be a carrier code such as VIETTEL' })
  allowedOrigins?: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsDateString({ strict: true })
  validTo?: string;

  @ApiPropertyOptional({ description: 'Ownership evidence: allocation letter, contract reference', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  evidence?: string;

  @ApiPropertyOptional({
    example: 'VIETTEL',
    description:
      'Code of the carrier that assigned the number; it must confirm the holding before approval. Required for agency admins; ' +
      "a regulator may omit it, and the second regulator's approval then stands for the confirmation",
  })
  @IsOptional()
  @Matches(ORIGIN_CODE, { message: 'holdingCarrier must be a carrier code such as VIETTEL' })
  holdingCarrier?: string;
}

export class UpdateNumberDto {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reviewed: on a live number it waits in pendingRevision' })
  @IsOptional()
  @IsUUID('4')
  brandnameId?: string;

  @ApiPropertyOptional({ enum: NUMBER_DIRECTIONS, description: 'Reviewed: on a live number it waits in pendingRevision' })
  @IsOptional()
  @IsIn(NUMBER_DIRECTIONS)
  direction?: NumberDirection;

  @ApiPropertyOptional({
    type: [String],
    description: 'Reviewed: adding, clearing or removing (a removed origin answers none, not block, until a second person approves)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(ORIGIN_CODE, { each: true, message: 'each allowed origin must be a carrier code such as VIETTEL' })
  allowedOrigins?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Later applies at once; earlier or null is reviewed',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  validFrom?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Earlier applies at once; later or null is reviewed',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDateString({ strict: true })
  validTo?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  evidence?: string | null;
}

export class NumberQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Validate only; write nothing' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  dryRun = false;
}

export class CompetingClaimDto {
  @ApiProperty({ format: 'uuid' }) numberId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ReviewStatus;
}

export class NumberDto extends ReviewStateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+842439437142' }) number: string;
  @ApiProperty({ enum: PHONE_NUMBER_TYPES, example: 'fixed_line' }) type: PhoneNumberType;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) brandnameId: string;
  @ApiProperty({ enum: NUMBER_DIRECTIONS }) direction: NumberDirection;
  @ApiProperty({ type: [String] }) allowedOrigins: string[];
  @ApiProperty({ nullable: true, type: String }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiPropertyOptional({ type: HoldingDto, nullable: true, description: "The holding carrier's word on this number" })
  holding?: HoldingDto | null;
  @ApiPropertyOptional({
    type: [CompetingClaimDto],
    description: "Regulators and auditors only: other organizations' claims on the same number (one at most can be approved)",
  })
  competingClaims?: CompetingClaimDto[];

  static from(n: CallerNumber, pendingRevision: RevisionDto | null, pendingReinstate: RevisionDto | null = null): NumberDto {
    return {
      id: n.id,
      number: n.e164,
      type: n.numberType,
      organizationId: n.organizationId,
      brandnameId: n.brandnameId,
      direction: n.direction,
      allowedOrigins: n.allowedOrigins,
      validFrom: n.validFrom ? n.validFrom.toISOString() : null,
      validTo: n.validTo ? n.validTo.toISOString() : null,
      evidence: n.evidence,
      status: n.status,
      ...reviewStateOf(n, pendingRevision, pendingReinstate),
    };
  }
}

export class NumberPageDto {
  @ApiProperty({ type: [NumberDto] }) items: NumberDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** Why a row was refused: the code and message the same problem gets as a request's error body. */
export class ImportRowProblemDto {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'INVALID_NUMBER' }) code: ErrorCode;
  @ApiProperty({ example: '"abc" is not a valid Vietnamese phone number' }) message: string;
}

export class ImportRowErrorDto {
  @ApiProperty({ type: 'integer', description: 'Line in the file (the header is line 1)' }) line: number;
  @ApiProperty({ description: 'The row as received' }) input: string;
  @ApiProperty({ type: ImportRowProblemDto }) error: ImportRowProblemDto;
}

export class ImportReportDto {
  @ApiProperty() total: number;
  @ApiProperty() accepted: number;
  @ApiProperty() rejected: number;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The rejected rows' }) rows: ImportRowErrorDto[];
}
