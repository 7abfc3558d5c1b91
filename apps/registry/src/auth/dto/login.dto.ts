import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsAccountPassword } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({
    example: '492039',
    description:
      'For an account with a second factor: the code its authenticator app shows now, or one unused recovery code (once). Missing or wrong: 401 SECOND_FACTOR_REQUIRED',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  totp?: string;
}

export class TokenDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 })
  expiresIn: number;

  @ApiProperty({
    description:
      'A reset or generated password: change it (POST /v1/auth/change-password) before anything else; other routes answer 403 PASSWORD_CHANGE_REQUIRED',
  })
  passwordChangeRequired: boolean;

  @ApiProperty({
    description:
      'The account must enrol a second factor first: this token reaches only POST /v1/auth/totp/enroll, POST /v1/auth/totp/confirm and GET /v1/auth/me (others answer 403 SECOND_FACTOR_ENROLLMENT_REQUIRED); confirming answers a full token',
  })
  secondFactorEnrollmentRequired: boolean;
}

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 256,
    writeOnly: true,
    description: 'By the rules of every account password; not the current one',
  })
  @IsAccountPassword()
  newPassword: string;
}
