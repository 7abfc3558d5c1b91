import { PinoLogger } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggedRequest } from '@app/platform';

/**
 * Which lookup requests get a log line: every 4xx and 5xx, every request slower than LOOKUP_SLOW_MS, and, per
 * LOOKUP_ACCESS_LOG, all others (`all`), a random share of them (`sample:<0..1>`) or none (`off`, the default:
 * a line per request cost a third of the throughput). Metrics count every request either way.
 */
export class RequestLogPolicy {
  private readonly share: number;

  constructor(
    accessLog: string,
    private readonly slowMs: number,
  ) {
    this.share = accessLog === 'all' ? 1 : accessLog.startsWith('sample:') ? Number(accessLog.slice(7)) : 0;
  }

  /** Writes the request's line if the policy asks for one. */
  record(req: IncomingMessage, res: ServerResponse, route: string | undefined, ms: number, id: string, carrier: string | undefined): void {
    const status = res.statusCode;
    const slow = ms >= this.slowMs;
    if (status < 400 && !slow && !(this.share > 0 && Math.random() < this.share)) return;
    const level = status >= 500 ? 'error' : status >= 400 || slow ? 'warn' : 'info';
    const logger = PinoLogger.root;
    if (!logger.isLevelEnabled(level)) return;
    Object.assign(req as LoggedRequest, { id, routeUrl: route });
    const message = status >= 500 ? 'request failed' : status >= 400 ? 'request refused' : slow ? 'slow request' : 'request completed';
    // The raw request and response: the logger's serializers turn them into the same fields as pino-http's lines.
    logger[level]({ req, res, route, carrier, responseTime: Math.round(ms) }, message);
  }
}
