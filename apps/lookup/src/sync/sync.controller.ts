import { Get, Header, Headers, Query, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import { ApiErrors, ApiResource, DATABASE_UNAVAILABLE_DOC } from '@app/platform';
import { ApiKeyGuard } from '../lookup/api-key.guard';
import { RolloutReporter } from '../rollout/rollout-reporter.service';
import { SnapshotLimitGuard } from './snapshot-limit.guard';
import { ProtectedNamesFeedDto } from './dto/protected-names.dto';
import { CHANGES_MAX, ChangesPage, ProtectedNamesFeed, SyncService } from './sync.service';

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

  @Get('protected-names')
  @ApiOperation({
    summary: 'Every protected state name in force, each signed (typ vbr-protected-name+jwt); ETag, 304 on If-None-Match',
    description:
      "Each name's jws is the registry's ES256 compact JWS of {iss, sub: id, term, spl: spellings, kinds, src: source, ver: version, iat}; " +
      'keys: /.well-known/jwks.json. A network, SMS gateway or messaging app refuses or strips a caller name that claims one of these terms ' +
      'unless the number is registered to a body of one of its kinds (or asks POST /v1/screen).',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of the list the client holds' })
  @ApiOkResponse({
    type: ProtectedNamesFeedDto,
    headers: { ETag: { description: 'Changes with every name added, changed or removed', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'The list is unchanged since the ETag sent in If-None-Match' })
  protectedNames(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): ProtectedNamesFeed | undefined {
    const etag = this.sync.protectedNamesEtag();
    reply.header('ETag', etag);
    reply.header('Cache-Control', 'private, no-cache');
    if (matchesEtag(ifNoneMatch, etag)) {
      reply.status(304);
      return undefined;
    }
    return this.sync.protectedNames();
  }

  @Get('changes')
  @ApiOperation({ summary: 'Changes after registry version `since`, oldest first' })
  @ApiQuery({ name: 'since', required: true })
  @ApiQuery({ name: 'limit', required: false, description: `1..${CHANGES_MAX}` })
  @ApiOkResponse({
    description:
      '{fromVersion, toVersion, hasMore, changes: [{version, number, op, entry, reorganization?}], protectedNames: [{version, id, op, entry}]}; ' +
      "every upsert's entry carries jws; reorganization ({id, kind, movedFrom: {organizationCode}}) marks a number a reorganization moved. " +
      'changes holds numbers only; protectedNames holds the protected names changed in the same version range (entry: {id, term, spellings, kinds, source, version, jws}, ' +
      'jws typ vbr-protected-name+jwt; null for a removal). toVersion covers both lists.',
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

/** If-None-Match holds the ETag (a list, weak or strong, or `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
