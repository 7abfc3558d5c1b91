import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the Prometheus text format is served as (prom-client's Registry.contentType). */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsListenOptions {
  host: string;
  port: number;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
}

/** A started metrics listener: where it is, and how to stop it. */
export interface MetricsListener {
  /** `http://<host>:<port>/metrics` with the bound port (METRICS_PORT=0 picks one). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Serves `GET /metrics` (the text `scrape` gives) on a listener of its own, apart from the public port: the public
 * API never answers /metrics. Anything else here is 404; a failed scrape is 503, logged by `onError`.
 */
export function listenMetrics(
  options: MetricsListenOptions,
  scrape: () => Promise<string>,
  onError: (err: Error) => void,
): Promise<MetricsListener> {
  const expected = options.token === undefined ? undefined : digest(`Bearer ${options.token}`);
  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if ((req.url ?? '').split('?')[0] !== '/metrics') return send(res, 404, 'Not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong character.
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      return send(res, 401, 'Unauthorized\n', { 'WWW-Authenticate': 'Bearer' });
    }
    scrape().then(
      (text) => send(res, 200, req.method === 'HEAD' ? '' : text, { 'Content-Type': METRICS_CONTENT_TYPE }),
      (err: Error) => {
        onError(err);
        send(res, 503, 'Metrics unavailable\n');
      },
    );
  };
  const server: Server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`METRICS_HOST/METRICS_PORT: cannot listen on ${options.host}:${options.port} (${err.code ?? err.message})`)),
    );
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}/metrics`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections(); // Prometheus keeps its connection open between scrapes
          }),
      });
    });
  });
}
