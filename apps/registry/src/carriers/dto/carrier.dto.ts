import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CARRIER_STATUSES, CarrierStatus } from '@app/domain';
import { Carrier, CarrierApiKey } from '@app/database';

export class CreateCarrierDto {
  @ApiProperty({ example: 'VIETTEL' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'code must be 2-32 upper-case letters, digits or _' })
  code: string;

  @ApiProperty({ example: 'Viettel' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  name: string;
}

export class UpdateCarrierDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  // Absent means unchanged; null is not a name or a status (IsOptional let it through to a 500).
  @ApiPropertyOptional() @ValidateIf((_o, v) => v !== undefined) @IsString() @MinLength(2) @MaxLength(255) name?: string;

  @ApiPropertyOptional({ enum: CARRIER_STATUSES, description: 'A suspended carrier gets 403 from the lookup API' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(CARRIER_STATUSES)
  status?: CarrierStatus;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Non-secret start of the key, to tell keys apart' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;

  static from(k: CarrierApiKey): ApiKeyDto {
    return { id: k.id, prefix: k.prefix, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key in clear: shown this once, never again' }) key: string;
}

/** A carrier as anyone signed in may know it: no keys, no version. */
export class CarrierEntryDto {
  @ApiProperty({ example: 'VIETTEL' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CARRIER_STATUSES }) status: CarrierStatus;

  static from(c: Carrier): CarrierEntryDto {
    return { code: c.code, name: c.name, status: c.status };
  }
}

export class CarrierDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'VIETTEL' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CARRIER_STATUSES }) status: CarrierStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: [ApiKeyDto] }) apiKeys: ApiKeyDto[];

  static from(c: Carrier, keys: CarrierApiKey[]): CarrierDto {
    return { id: c.id, code: c.code, name: c.name, status: c.status, version: c.version, apiKeys: keys.map(ApiKeyDto.from) };
  }
}
