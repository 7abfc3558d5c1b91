import { Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '@app/domain';
import { ApiResource } from '@app/platform';
import { checkPage, PageOutcome } from './check-page';
import { ClientAddress } from './client';
import { PublicCheckService } from './public-check.service';

/** The citizens' page: a plain form GET, answered in HTML (no script), with the same check and limit. */
@ApiResource('public', 'kiem-tra', { auth: 'none' })
export class CheckPageController {
  constructor(
    private readonly checks: PublicCheckService,
    private readonly client: ClientAddress,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Kiểm tra số: the public check as a Vietnamese web page (works without JavaScript)' })
  @ApiQuery({ name: 'so', required: false, description: 'The number to check' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  page(@Query('so') so: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    const input = typeof so === 'string' ? so.trim().slice(0, 64) : '';
    return checkPage(input, input ? this.outcome(input, req, reply) : null);
  }

  private outcome(input: string, req: FastifyRequest, reply: FastifyReply): PageOutcome {
    try {
      return { kind: 'answer', answer: this.checks.check(input, this.client.of(req)) };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      if (err.code === 'RATE_LIMITED') {
        const seconds = err.details?.retryAfterSeconds ?? 60;
        reply.status(429).header('Retry-After', String(seconds));
        return { kind: 'rate_limited', seconds };
      }
      if (err.code !== 'INVALID_NUMBER') throw err;
      reply.status(400);
      return { kind: 'invalid' };
    }
  }
}
