import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_QUOTA_RULES, ERROR_CODES, FOUR_EYES_RULE_TEXT } from '@app/domain';
import type { ErrorCode, FieldError, FourEyesRule, ReservedNameClaim } from '@app/domain';
import type { ErrorBody } from './error-body';

/** Every four-eyes rule, from the domain's table of their sentences (a Record, so none is missing). */
export const FOUR_EYES_RULES = Object.keys(FOUR_EYES_RULE_TEXT) as FourEyesRule[];

/** RESERVED_NAME: the protected state name a label, display name, ASCII name or call reason claims. */
export class ReservedNameClaimDto implements ReservedNameClaim {
  @ApiProperty({ example: 'Cảnh sát giao thông', description: 'The protected term, as people read it' }) term: string;
  @ApiPropertyOptional({ example: 'CSGT', description: 'The spelling of it found in the text' }) spelling?: string;
  @ApiPropertyOptional({ example: 'displayName', description: 'The field that claims it' }) field?: string;
  @ApiPropertyOptional({ type: [String], example: ['police'], description: 'The organization kinds that may use it' }) kinds?: string[];
  @ApiPropertyOptional({ example: 'bank', description: 'The kind of the organization refused' }) organizationKind?: string;
}

/** One problem of a refused request, per field (ValidationPipe's, or each rule an application breaks). */
export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'number' }) field: string;
  @ApiProperty({ example: '"abc" is not a valid Vietnamese phone number' }) message: string;
  @ApiPropertyOptional({
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    description: "The rule's own code, where a request is refused for several reasons at once (an application)",
  })
  code?: ErrorCode;
  @ApiPropertyOptional({ type: ReservedNameClaimDto, description: 'RESERVED_NAME: the protected state name this field claims' })
  details?: ReservedNameClaimDto;
}

/**
 * The one JSON error body of both services (AllExceptionsFilter, and the lookup's native routes): the OpenAPI
 * document gives it to every error response of every operation (setupOpenApi).
 */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ type: 'integer', example: 403, description: 'The HTTP status, again' }) statusCode: number;
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'FOUR_EYES_REQUIRED', description: 'Stable: what to act on' })
  code: ErrorCode;
  @ApiProperty({ example: 'You submitted it: another person must approve it', description: 'For people; may change' })
  message: string;
  @ApiProperty({ description: 'The X-Request-Id of the request, to find it in the logs' }) requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'VALIDATION_FAILED and an application refused whole: each problem' })
  fields?: FieldErrorDto[];
  @ApiPropertyOptional({ type: 'integer', description: "CURSOR_AHEAD: the registry's current version, to compare with the cursor sent" })
  currentVersion?: number;
  @ApiPropertyOptional({
    enum: [...FOUR_EYES_RULES, ...DOCUMENT_QUOTA_RULES],
    enumName: 'ErrorRule',
    description: 'FOUR_EYES_REQUIRED: which rule of the four-eyes decision refused it; DOCUMENT_QUOTA_EXCEEDED: which limit was reached',
  })
  rule?: string;
  @ApiPropertyOptional({ type: ReservedNameClaimDto, description: 'RESERVED_NAME: the protected state name claimed, to name it to people' })
  details?: ReservedNameClaimDto;
}

/** The DTO documents every field of ErrorBody and no other: a field added to one and not the other does not compile. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const _documentsTheBody: SameKeys<ErrorBody, ErrorBodyDto> = true;
const _documentsTheField: SameKeys<FieldError, FieldErrorDto> = true;
