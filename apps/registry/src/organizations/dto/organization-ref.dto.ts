import { ApiProperty } from '@nestjs/swagger';

/** An organization as named beside another item (a search hit, a queue item). */
export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MIC' }) code: string;
  @ApiProperty({ example: 'Bộ Thông tin và Truyền thông' }) name: string;
}
