import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SCREEN_VERDICTS } from '@app/domain';
import { OrganizationRefDto } from '../../lookup/dto/lookup.dto';

export const DISPLAY_NAME_MAX = 128;
export const SENDER_ID_MAX = 32;
export const SCREEN_NUMBER_MAX = 64;

/** What a network asks about a caller: its display name (voice) and/or sender ID (SMS), and its number. */
export class ScreenDto {
  @ApiPropertyOptional({
    example: 'Cảnh sát hình sự',
    maxLength: DISPLAY_NAME_MAX,
    description: 'The From / P-Asserted-Identity display name',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(DISPLAY_NAME_MAX)
  displayName?: string;

  @ApiPropertyOptional({ example: 'CONGAN', maxLength: SENDER_ID_MAX, description: 'An SMS alphanumeric sender ID' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(SENDER_ID_MAX)
  senderId?: string;

  @ApiPropertyOptional({ example: '0912 345 678', maxLength: SCREEN_NUMBER_MAX, description: 'The calling number, any Vietnamese format' })
  @IsOptional()
  @IsString()
  @MaxLength(SCREEN_NUMBER_MAX)
  number?: string;
}

export class ScreenResultDto {
  @ApiProperty({
    enum: SCREEN_VERDICTS,
    description:
      'registered: the number is branded now by an organization that may use every protected term claimed (or none is claimed); ' +
      'impersonation: the name claims a protected term and the number is not branded by a body that may use it (strip the name); ' +
      'clean: no protected term claimed and the number is not branded (or not given)',
  })
  verdict: string;

  @ApiPropertyOptional({ example: 'Công an', description: 'The canonical protected term claimed (the refused one for impersonation)' })
  term?: string;

  @ApiPropertyOptional({ type: OrganizationRefDto, description: 'With registered: the organization the number is branded by' })
  organization?: OrganizationRefDto;
}
