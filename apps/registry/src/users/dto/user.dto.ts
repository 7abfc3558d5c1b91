import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ACCOUNT_STATUSES, AccountStatus, USER_ROLES, UserRole } from '@app/domain';
import { User } from '@app/database';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';

/** Every account password's rules in one place: new accounts, applicants and password changes take them from here. */
export function IsAccountPassword(): PropertyDecorator {
  return applyDecorators(IsString(), MinLength(12), MaxLength(256));
}

export class AccountPasswordDto {
  @ApiProperty({ minLength: 12, maxLength: 256, writeOnly: true })
  @IsAccountPassword()
  password: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'mic.admin' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/i, { message: 'username must be 3-64 letters, digits, . _ or -' })
  username: string;

  @ApiPropertyOptional({
    minLength: 12,
    maxLength: 256,
    writeOnly: true,
    description: 'Left out: the registry generates a one-time password, returned once, that must be changed at first sign-in',
  })
  // Left out only: null is no password, and is refused.
  @ValidateIf((_o, v) => v !== undefined)
  @IsAccountPassword()
  password?: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Required for agency_admin, refused otherwise; an agency admin's new account is always of its own organization",
  })
  @IsOptional()
  @IsUUID('4')
  organizationId?: string;

  @ApiPropertyOptional({
    description:
      'A regulator whose holder sets its own password: no password is given; the answer carries the first half of an ' +
      'enrollment code, and the approval the second (to hand over separately: nobody else ever knows the password)',
  })
  @IsOptional()
  @IsBoolean()
  enroll?: boolean;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: USER_ROLES, description: 'Becoming a regulator waits (pending) for a regulator other than you' })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({
    enum: ['active', 'disabled'],
    description: 'Disabling applies at once; a regulator enabled again waits for review',
  })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The organization of an agency admin; null for other roles',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('4')
  organizationId?: string | null;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({
    enum: ACCOUNT_STATUSES,
    description: 'A new regulator is pending until a person who can act neither as it nor as its creator approves it',
  })
  status: AccountStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who created the account' }) createdBy: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who last changed its role or status' })
  statusChangedBy: string | null;
  @ApiProperty({ description: 'A reset or generated password must be changed before anything else' })
  passwordChangeRequired: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When the password was last set (reset or changed)' })
  passwordChangedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    enum: ['awaiting_approval', 'awaiting_holder'],
    nullable: true,
    description: 'An enrollment: waiting for the approval (second half of the code), or for its holder to set a password',
  })
  enrollment: 'awaiting_approval' | 'awaiting_holder' | null;
  @ApiPropertyOptional({ type: FourEyesDto, description: 'A pending account: whether you may approve it (GET only)' })
  fourEyes?: FourEyesDto;

  /** A whitelist: the password hash can never leave through it. */
  static from(u: User): UserDto {
    return {
      id: u.id,
      username: u.username,
      role: u.role,
      organizationId: u.organizationId,
      status: u.status,
      createdBy: u.createdBy,
      statusChangedBy: u.statusChangedBy,
      passwordChangeRequired: u.passwordChangeRequired,
      passwordChangedAt: u.passwordChangedAt?.toISOString() ?? null,
      version: u.version,
      createdAt: u.createdAt.toISOString(),
      enrollment: u.enrollmentFirstHash ? (u.enrollmentSecondHash ? 'awaiting_holder' : 'awaiting_approval') : null,
    };
  }
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ description: 'Only when the request gave no password: shown once, never stored in clear' })
  oneTimePassword?: string;
  @ApiPropertyOptional({ description: 'An enrollment: the half of the code for whoever created it or approved it, shown once' })
  enrollmentCode?: string;
}

/** The holder's own password, set with both halves of its enrollment code. */
export class EnrollDto {
  @ApiProperty({ example: 'reg3' })
  @IsString()
  @MaxLength(64)
  username: string;

  @ApiProperty({ description: 'The half its creator handed over' })
  @IsString()
  @MaxLength(128)
  firstCode: string;

  @ApiProperty({ description: 'The half its approver handed over' })
  @IsString()
  @MaxLength(128)
  secondCode: string;

  @ApiProperty({ minLength: 12, maxLength: 256, writeOnly: true })
  @IsAccountPassword()
  newPassword: string;
}

/** A reset: the new one-time password, shown once to whoever reset it. */
export class OneTimePasswordDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ description: 'Shown once; the user must change it at the next sign-in' }) oneTimePassword: string;
}
