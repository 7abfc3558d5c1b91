import { Get, Header, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import { ApiErrors, ApiResource, DATABASE_UNAVAILABLE_DOC } from '@app/platform';
import { ApiKeyGuard } from '../lookup/api-key.guard';
import { RolloutReporter } from '../rollout/rollout-reporter.service';
import { SnapshotLimitGuard } from './snapshot-limit.guard';
import { CHANGES_MAX, ChangesPage, SyncService } from './sync.service';

function nonNegativeInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value)) throw new DomainError('VALIDATION_FAILED', `${name} must be a non-negative integer`);
  return Number(value);
}

/** ApiKeyGuard names the carrier on the request. */
interface CarrierRequest {
  carrier: { code: string };
}

@ApiResource('sync', 'sync', { auth: 'carrier-api-key' })
@UseGuards(ApiKeyGuard)
export class SyncController {
  constructor(
    private readonly sync: SyncService,
    private readonly rollout: RolloutReporter,
  ) {}

  @Get('snapshot')
  @UseGuards(SnapshotLimitGuard)
  @Header('Content-Type', 'application/x-ndjson; charset=utf-8')
  @ApiErrors(['RATE_LIMITED', 'over LOOKUP_SNAPSHOTS_PER_MIN for this carrier; Retry-After'])
  @ApiOperation({
    summary:
      'Every registered number as NDJSON: a {registryVersion, count} line, one line per number (with its jws), then a signed trailer',
    description:
      "Each entry line carries `jws`, the registry's ES256 compact JWS (typ vbr-entry+jwt) of the entry. The last line is the trailer " +
      '`{registryVersion, count, sha256, jws}`: sha256 is the lowercase hex SHA-256 of every byte before the trailer line, count the ' +
      'number of entry lines, and jws (typ vbr-snapshot+jwt) signs {registryVersion, count, sha256}. A stream without a trailer is incomplete. ' +
      'Keys: /.well-known/jwks.json.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'NDJSON stream' })
  snapshot(@Req() req: CarrierRequest): StreamableFile {
    const { stream, registryVersion } = this.sync.snapshot();
    this.rollout.synced(req.carrier.code, registryVersion);
    return new StreamableFile(stream, { type: 'application/x-ndjson; charset=utf-8' });
  }

  @Get('changes')
  @ApiOperation({ summary: 'Changes after registry version `since`, oldest first' })
  @ApiQuery({ name: 'since', required: true })
  @ApiQuery({ name: 'limit', required: false, description: `1..${CHANGES_MAX}` })
  @ApiOkResponse({
    description:
      "{fromVersion, toVersion, hasMore, changes: [{version, number, op, entry, reorganization?}]}; every upsert's entry carries jws; reorganization ({id, kind, movedFrom: {organizationCode}}) marks a number a reorganization moved",
  })
  @ApiErrors(
    ['SNAPSHOT_REQUIRED', 'since is older than the retained history'],
    ['CURSOR_AHEAD', 'since is above the registry version, a restored registry; the body carries currentVersion'],
    DATABASE_UNAVAILABLE_DOC,
    ['SERVICE_UNAVAILABLE', 'the change history could not be read'],
  )
  async changes(@Req() req: CarrierRequest, @Query('since') since?: string, @Query('limit') limit?: string): Promise<ChangesPage> {
    if (since === undefined) throw new DomainError('VALIDATION_FAILED', 'since is required');
    const size = nonNegativeInt(limit, 'limit', 1000);
    if (size < 1 || size > CHANGES_MAX) throw new DomainError('VALIDATION_FAILED', `limit must be 1..${CHANGES_MAX}`);
    const from = nonNegativeInt(since, 'since', 0);
    const page = await this.sync.changes(from, size);
    // Asking from `since` says the carrier holds everything up to it (the rollout status shows where it is).
    this.rollout.synced(req.carrier.code, from);
    return page;
  }
}
