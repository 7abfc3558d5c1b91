import { ApiProperty } from '@nestjs/swagger';

export class DailyBrandedDto {
  @ApiProperty({ example: '2026-12-01', description: 'A day in Vietnam time (UTC+7)' }) date: string;
  @ApiProperty() answers: number;
}

export class CarrierRolloutDto {
  @ApiProperty({ example: 'VIETTEL' }) carrier: string;
  @ApiProperty({ example: 'Viettel' }) carrierName: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The registry version the carrier last asked the change feed from' })
  syncedVersion: number | null;
  @ApiProperty({ nullable: true, type: String }) syncedAt: string | null;
  @ApiProperty({ description: "Its copy holds this organization's latest change (false when it never synced)" }) upToDate: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The first branded answer any lookup gave it for this organization' })
  firstBrandedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastBrandedAt: string | null;
  @ApiProperty({ description: 'Branded answers in the current hour and the 23 before it' }) brandedLast24h: number;
  @ApiProperty({ type: [DailyBrandedDto], description: 'Branded answers per day, the last 14 days, oldest first' })
  daily: DailyBrandedDto[];
}

export class RolloutDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ nullable: true, type: Number, description: "The feed version of this organization's latest change" })
  organizationVersion: number | null;
  @ApiProperty() registryVersion: number;
  @ApiProperty({ type: [CarrierRolloutDto] }) carriers: CarrierRolloutDto[];
}
