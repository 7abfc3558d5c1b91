import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { SecondFactor } from '@app/database';
import { FourEyesDto } from '../../pipeline/four-eyes.dto';
import type { FourEyesViewer } from '../../pipeline/parties.repository';

/** Shown once, to the holder only: the authenticator app's secret and the recovery codes. */
export class SecondFactorEnrollmentDto {
  @ApiProperty({ description: 'Base32 TOTP secret (SHA-1, 6 digits, 30 s), to type into an authenticator app' })
  secret: string;

  @ApiProperty({ example: 'otpauth://totp/Brandname%20tho%E1%BA%A1i:reg2?issuer=...&secret=...', description: 'For a QR code' })
  otpauthUrl: string;

  @ApiProperty({ type: [String], description: 'Ten recovery codes, each accepted once in place of a code; shown only now' })
  recoveryCodes: string[];
}

export class TotpCodeDto {
  @ApiProperty({ example: '492039', description: 'The 6 digits the authenticator app shows now' })
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'totp must be the 6 digits the authenticator app shows' })
  totp: string;
}

/** An account's second factor as a regulator (or its organization's admin) sees it: never the secret. */
export class AccountSecondFactorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'A confirmed second factor' }) enrolled: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'A reset waiting for a second regulator: who asked' })
  resetRequestedBy: string | null;
  @ApiPropertyOptional({ type: FourEyesDto, description: 'A waiting reset: whether you may approve it (GET only)' })
  fourEyes?: FourEyesDto;

  static from(
    userId: string,
    factor: Pick<SecondFactor, 'confirmedAt' | 'resetRequestedBy' | 'resetAuthors'> | undefined | null,
    verdict?: FourEyesViewer,
    mayDecide = false,
  ): AccountSecondFactorDto {
    const resetRequestedBy = factor?.resetRequestedBy ?? null;
    return {
      userId,
      enrolled: Boolean(factor?.confirmedAt),
      resetRequestedBy,
      ...(verdict && resetRequestedBy ? { fourEyes: verdict('approve_second_factor_reset', factor!.resetAuthors, mayDecide) } : {}),
    };
  }
}
