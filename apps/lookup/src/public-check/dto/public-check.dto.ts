import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PublicOrganizationDto {
  @ApiProperty({ example: 'MIC' }) code: string;
  @ApiProperty({ example: 'Bộ Thông tin và Truyền thông' }) name: string;
}

export class PublicDisplayDto {
  @ApiProperty({ example: 'BO TTTT' }) label: string;
  @ApiProperty({ example: 'Bộ TT&TT' }) name: string;
}

export class PublicCheckDto {
  @ApiProperty({ example: '+842439437142' }) number: string;
  @ApiProperty() registered: boolean;
  @ApiPropertyOptional({ type: PublicOrganizationDto, description: 'Only when registered' }) organization?: PublicOrganizationDto;
  @ApiPropertyOptional({ type: PublicDisplayDto, description: 'What a handset shows, only when registered' }) display?: PublicDisplayDto;
  @ApiPropertyOptional({ enum: ['active', 'suspended'], description: 'Only when registered' }) status?: 'active' | 'suspended';
  @ApiPropertyOptional({ enum: [true], description: 'A number that only receives calls: a call showing it is spoofed' })
  inboundOnly?: true;
}
