import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ACCOUNT_STATUSES, AccountStatus, USER_ROLES, UserRole } from '@app/domain';
import { User } from '@app/database';

export class CreateUserDto {
  @ApiProperty({ example: 'mic.admin' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/i, { message: 'username must be 3-64 letters, digits, . _ or -' })
  username: string;

  @ApiProperty({ minLength: 12, writeOnly: true })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for agency_admin, refused otherwise' })
  @IsOptional()
  @IsUUID('4')
  organizationId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty({ enum: ACCOUNT_STATUSES, description: 'A new regulator is pending until a regulator other than its creator approves it' })
  status: AccountStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who created the account' }) createdBy: string | null;
  @ApiProperty() createdAt: string;

  /** A whitelist: the password hash can never leave through it. */
  static from(u: User): UserDto {
    return {
      id: u.id,
      username: u.username,
      role: u.role,
      organizationId: u.organizationId,
      status: u.status,
      createdBy: u.createdBy,
      createdAt: u.createdAt.toISOString(),
    };
  }
}
