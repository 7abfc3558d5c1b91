import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
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
