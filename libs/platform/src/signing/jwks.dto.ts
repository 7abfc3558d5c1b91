import { ApiProperty } from '@nestjs/swagger';

/** One public signing key (RFC 7517); both services serve the registry's keys at /.well-known/jwks.json. */
export class PublicJwkDto {
  @ApiProperty({ example: 'EC' }) kty: string;
  @ApiProperty({ example: 'P-256' }) crv: string;
  @ApiProperty() x: string;
  @ApiProperty() y: string;
  @ApiProperty({ description: 'RFC 7638 thumbprint; the kid of every JWS it signed' }) kid: string;
  @ApiProperty({ enum: ['ES256'] }) alg: 'ES256';
  @ApiProperty({ enum: ['sig'] }) use: 'sig';
}

export class JwksDto {
  @ApiProperty({ type: [PublicJwkDto] }) keys: PublicJwkDto[];
}
