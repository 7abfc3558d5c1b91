import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DisplayDto {
  @ApiProperty({ example: 'BO TTTT', description: 'The regulated label, for every handset' }) label: string;
  @ApiProperty({ example: 'Bộ TT&TT', description: 'Vietnamese name, for handsets that can show it' }) name: string;
  @ApiProperty({ example: 'Bo TT&TT' }) nameAscii: string;
  @ApiProperty({ nullable: true, type: String }) callReason: string | null;
}

export class OrganizationRefDto {
  @ApiProperty({ example: 'MIC' }) code: string;
  @ApiProperty({ example: 'Bộ Thông tin và Truyền thông' }) name: string;
}

export class LookupResultDto {
  @ApiProperty({ example: '+842439437142' }) number: string;
  @ApiProperty({ enum: ['brand', 'none', 'block'] }) verdict: string;
  @ApiProperty({ enum: ['active', 'suspended', 'inbound_only', 'unregistered'] }) status: string;
  @ApiProperty({ type: DisplayDto, nullable: true }) display: DisplayDto | null;
  @ApiProperty({ type: OrganizationRefDto, nullable: true }) organization: OrganizationRefDto | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when no origin was given' }) originAllowed: boolean | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "Only when asked (?signed=true, or batch signed: true): the registry's ES256 compact JWS of the entry (typ vbr-entry+jwt, keys at /.well-known/jwks.json), made when it was published; null when the number is not registered now",
  })
  jws?: string | null;
  @ApiProperty({ example: 1287 }) registryVersion: number;
  @ApiProperty({ example: 60 }) ttlSeconds: number;
}

export class BatchLookupDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 1000, example: ['02439437142', '+84912345678'] })
  numbers: unknown[];

  @ApiPropertyOptional({ example: 'VIETTEL', description: 'Carrier code the calls arrived from, or INTERNATIONAL' })
  origin?: unknown;

  @ApiPropertyOptional({ type: Boolean, description: 'true: each result carries its jws' })
  signed?: unknown;
}

export class BatchErrorDto {
  @ApiProperty() input: string;
  @ApiProperty({ example: { code: 'INVALID_NUMBER', message: '"abc" is not a valid Vietnamese phone number' } })
  error: { code: string; message: string };
}

export class BatchLookupResultDto {
  @ApiProperty() registryVersion: number;
  @ApiProperty({ description: 'In input order: a lookup result, or {input, error} for an invalid entry', type: [LookupResultDto] })
  results: Array<LookupResultDto | BatchErrorDto>;
}
