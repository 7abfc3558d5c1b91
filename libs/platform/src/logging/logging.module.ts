import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { maskPhoneNumber } from '@app/domain';
import { AppConfig } from '../config/app-config';
import { resolveRequestId } from '../http/request-id';

type Req = IncomingMessage & {
  id?: string;
  originalUrl?: string;
  route?: { path?: string };
  /** Set by the Fastify app (its route lives on the Fastify request, not on this raw one). */
  routeUrl?: string;
  user?: { id: string };
  carrier?: { code: string };
};

// The number a carrier looks up may be a private person's: only its last three digits reach the logs.
const LOOKUP_PATH = /^(\/v1\/lookup\/)([^/?]+)/;

export function maskUrl(url: string): string {
  return url.replace(LOOKUP_PATH, (_all, prefix: string, number: string) => {
    let decoded = number;
    try {
      decoded = decodeURIComponent(number);
    } catch {
      // keep it as sent
    }
    return prefix + encodeURIComponent(maskPhoneNumber(decoded));
  });
}

function pretty(config: AppConfig): boolean {
  if (config.LOG_FORMAT !== 'auto') return config.LOG_FORMAT === 'pretty';
  return config.NODE_ENV !== 'production' && Boolean(process.stdout.isTTY);
}

/**
 * One JSON line per request (pretty in a terminal): request id (an incoming X-Request-Id is honoured and
 * echoed back), method, masked URL, route, status, duration, and the carrier or user. Headers, bodies,
 * API keys, tokens and passwords are never logged: the request serializer is a whitelist.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Every route, in path-to-regexp 8 syntax (the default '*' is a deprecated pattern there).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          transport: pretty(config)
            ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
            : undefined,
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const id = (req as Req).id ?? resolveRequestId(req.headers['x-request-id']);
            res.setHeader('X-Request-Id', id);
            return id;
          },
          serializers: {
            req: (req: Req) => ({ id: req.id, method: req.method, url: maskUrl(req.originalUrl ?? req.url ?? '') }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          customProps: (req: IncomingMessage) => {
            const r = req as Req;
            return { route: r.routeUrl ?? r.route?.path, userId: r.user?.id, carrier: r.carrier?.code };
          },
          customSuccessMessage: () => 'request completed',
          customErrorMessage: () => 'request failed',
          redact: { paths: ['req.headers', 'res.headers'], remove: true },
        },
      }),
    }),
  ],
})
export class AppLoggingModule {}
