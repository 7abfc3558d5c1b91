import { Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { LookupIndex } from '@app/domain';
import { ApiResource, LookupConfig } from '@app/platform';
import { FeedFollower } from '../feed/feed-follower.service';

/**
 * Ready once the index is loaded. A database outage does not make the lookup unready (it answers from the
 * index); it shows as `degraded` with the index's staleness, so operators see it and balancers keep routing. A
 * standby that is reachable but replaying behind (LOOKUP_DEGRADED_AFTER_SECONDS) is `degraded` the same way.
 */
@ApiResource('health', 'health', { auth: 'none' })
export class LookupHealthController {
  constructor(
    private readonly index: LookupIndex,
    private readonly feed: FeedFollower,
    private readonly config: LookupConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness' })
  @ApiOkResponse({ description: '{status: "ok"}' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the index is loaded; degraded while the database is unreachable' })
  @ApiOkResponse({ description: 'ready (ok or degraded)' })
  // Not ApiErrors: this 503 answers the readiness body (status: error), not an error code.
  @ApiServiceUnavailableResponse({ description: 'index not loaded yet' })
  ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const staleness = this.feed.stalenessSeconds;
    const current = this.feed.databaseUp && staleness <= this.config.LOOKUP_DEGRADED_AFTER_SECONDS;
    const body = {
      status: !this.index.loaded ? 'error' : current ? 'ok' : 'degraded',
      info: {
        index: { status: this.index.loaded ? 'up' : 'down', numbers: this.index.size, registryVersion: this.index.version },
        database: {
          status: this.feed.databaseUp ? 'up' : 'down',
          role: this.feed.standby === null ? 'unknown' : this.feed.standby ? 'standby' : 'primary',
          stalenessSeconds: Number(staleness.toFixed(3)),
          replayLagSeconds: Number(this.feed.replayLagSeconds.toFixed(3)),
        },
      },
    };
    if (!this.index.loaded) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
