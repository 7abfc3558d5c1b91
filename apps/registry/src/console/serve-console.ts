import { INestApplication, Logger } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONSOLE_PATH = '/console';

/** Where `vite build --config apps/console/vite.config.ts` writes the console: <repo>/dist/console. */
export function findConsoleDir(): string | null {
  const candidates = [
    process.env.CONSOLE_DIR,
    resolve(process.cwd(), 'dist/console'),
    // dist/apps/registry/src/console (built) or apps/registry/src/console (sources): four levels up is the repo root
    resolve(__dirname, '../../../../dist/console'),
    resolve(__dirname, '../../../../../dist/console'),
  ].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bảng điều khiển chưa được dựng</title></head>
<body><h1>Bảng điều khiển chưa được dựng</h1>
<p>Hãy chạy <code>npm run build</code> (lệnh này dựng cả bảng điều khiển vào <code>dist/console</code>) rồi khởi động lại dịch vụ.</p>
</body></html>`;

const marked = new WeakSet<object>();

/**
 * Serves the web console at /console with an SPA fallback (any /console/* path that is not a file gets index.html).
 * Plain Express middleware: outside the `v1` prefix and ahead of the API's guards. Must be called before app.init(),
 * since Nest adds its not-found handler at init. Calling it twice on one app does nothing the second time.
 */
export function serveConsole(app: INestApplication, dir: string | null = findConsoleDir()): void {
  const server = app.getHttpAdapter().getInstance() as object;
  if (marked.has(server)) return;
  marked.add(server);
  const logger = new Logger('Console');
  // The service's root is the console: people type the bare address.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/') return res.redirect(302, `${CONSOLE_PATH}/`);
    next();
  });
  if (!dir) {
    logger.warn('dist/console is missing: /console answers a "not built" page. Run `npm run build`.');
    app.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      res.status(503).type('html').set('Cache-Control', 'no-store').send(NOT_BUILT_PAGE);
    });
    return;
  }
  const index = join(dir, 'index.html');
  app.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
    // /console → /console/ so relative asset URLs and the router agree
    if (req.originalUrl === CONSOLE_PATH || req.originalUrl.startsWith(`${CONSOLE_PATH}?`)) {
      return res.redirect(301, `${CONSOLE_PATH}/${req.originalUrl.slice(CONSOLE_PATH.length)}`);
    }
    next();
  });
  app.use(
    CONSOLE_PATH,
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        // hashed assets never change; index.html must always be re-read
        res.setHeader('Cache-Control', file.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // a missing asset is a 404, not the app
    if (req.path.startsWith('/assets/')) return next();
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  logger.log(`Console served at ${CONSOLE_PATH}/ from ${dir}`);
}
