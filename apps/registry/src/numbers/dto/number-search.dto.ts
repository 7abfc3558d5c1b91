import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MAX_PHONE_INPUT_LENGTH, NUMBER_DIRECTIONS, NumberDirection, REVIEW_STATUSES, ReviewStatus } from '@app/domain';
import { PageQuery } from '../../common/paging';
import { OrganizationRefDto } from '../../organizations/dto/organization-ref.dto';

export class NumberSearchQueryDto extends PageQuery {
  @ApiProperty({
    example: '+84 24 3943 7142',
    description: 'A number in any format, or its beginning ("02439" finds every number starting so)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PHONE_INPUT_LENGTH)
  q: string;

  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;
}

export class NumberSearchItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+842439437142' }) number: string;
  @ApiProperty({ example: '024 3943 7142' }) nationalNumber: string;
  @ApiProperty({ type: OrganizationRefDto }) organization: OrganizationRefDto;
  @ApiProperty({ example: 'BO TTTT' }) label: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: ReviewStatus;
  @ApiProperty({ enum: NUMBER_DIRECTIONS }) direction: NumberDirection;
}

export class NumberSearchPageDto {
  @ApiProperty({ type: [NumberSearchItemDto] }) items: NumberSearchItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
