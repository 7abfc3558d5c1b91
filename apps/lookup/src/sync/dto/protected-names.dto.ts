import { ApiProperty } from '@nestjs/swagger';
import { ORGANIZATION_KINDS } from '@app/domain';

export class SyncProtectedNameDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Công an', description: 'The canonical term' }) term: string;
  @ApiProperty({ type: [String], example: ['CA', 'CAND'], description: 'Abbreviations and common spellings of the same name' })
  spellings: string[];
  @ApiProperty({ enum: ORGANIZATION_KINDS, isArray: true, description: 'The kinds of organization that may use it' }) kinds: string[];
  @ApiProperty({ example: 'Luật Công an nhân dân 2018 (37/2018/QH14), Điều 16' }) source: string;
  @ApiProperty({ example: 1290, description: 'The registry version that published it' }) version: number;
  @ApiProperty({ description: "The registry's ES256 compact JWS (typ vbr-protected-name+jwt) of the name" }) jws: string;
}

export class ProtectedNamesFeedDto {
  @ApiProperty({ example: 1312 }) registryVersion: number;
  @ApiProperty({ type: [SyncProtectedNameDto] }) names: SyncProtectedNameDto[];
}
