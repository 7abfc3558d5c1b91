import { ApiProperty } from '@nestjs/swagger';
import { HOLDING_SOURCES, HOLDING_STATUSES, HoldingSource, HoldingStatus } from '@app/domain';

/** The holding carrier's word on a number, as agencies and regulators see it. */
export class HoldingDto {
  @ApiProperty({ nullable: true, type: String, description: 'Carrier code; null on a regulator registration without one' })
  carrier: string | null;
  @ApiProperty({ enum: HOLDING_STATUSES }) status: HoldingStatus;
  @ApiProperty({ enum: HOLDING_SOURCES, nullable: true, description: 'Who confirmed: the carrier, a regulator for it, the approval' })
  source: HoldingSource | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the carrier denied, or the regulator confirmed' }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) releasedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the holding carrier released the number' }) releaseReason: string | null;
}
