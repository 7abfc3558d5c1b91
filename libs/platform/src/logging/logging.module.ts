import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { maskPhoneNumber } from '@app/domain';
import { AppConfig } from '../config/app-config';
import { resolveRequestId } from '../http/request-id';

export type LoggedRequest = IncomingMessage & {
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

/** The request log line's fields: a whitelist, so headers, bodies, keys, tokens and passwords never get in. */
export function requestLogFields(req: LoggedRequest, statusCode: number) {
  return {
    req: { id: req.id, method: req.method, url: maskUrl(req.originalUrl ?? req.url ?? '') },
    res: { statusCode },
    route: req.routeUrl ?? req.route?.path,
    userId: req.user?.id,
    carrier: req.carrier?.code,
  };
}

function lineProps(req: IncomingMessage) {
  const { route, userId, carrier } = requestLogFields(req as LoggedRequest, 0);
  return { route, userId, carrier };
}

function pinoHttpOptions(config: AppConfig) {
  return {
    level: config.LOG_LEVEL,
    transport: pretty(config) ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = (req as LoggedRequest).id ?? resolveRequestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: LoggedRequest) => requestLogFields(req, 0).req,
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    // Added to the response line only: customProps would also bind them to the request's child logger at the
    // start (with the middleware's route pattern), and the line would carry "route" twice.
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, line: object) => ({ ...line, ...lineProps(req) }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, line: object) => ({ ...line, ...lineProps(req) }),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
}

/**
 * One JSON line per request (pretty in a terminal): request id (an incoming X-Request-Id is honoured and
 * echoed back), method, masked URL, route, status, duration, and the carrier or user.
 *
 * `requestLines: 'middleware'` writes it with pino-http; 'app' leaves it to the app: the lookup writes it from a
 * Fastify hook (requestLogFields), because pino-http's per-request child logger cost more than a lookup.
 */
@Module({})
export class AppLoggingModule {
  static forRoot(options: { requestLines: 'middleware' | 'app' } = { requestLines: 'middleware' }): DynamicModule {
    // Every route, in path-to-regexp 8 syntax (the default '*' is a deprecated pattern there).
    const everyRoute = [{ path: '{*path}', method: RequestMethod.ALL }];
    return {
      module: AppLoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            // No middleware at all for 'app': even an excluded one runs through Fastify's middie on every request.
            forRoutes: options.requestLines === 'app' ? [] : everyRoute,
            pinoHttp: pinoHttpOptions(config),
          }),
        }),
      ],
    };
  }
}
