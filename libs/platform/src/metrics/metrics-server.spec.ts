import { createServer } from 'node:net';
import { listenMetrics, METRICS_CONTENT_TYPE, MetricsListener } from './metrics-server';

describe('listenMetrics: /metrics on a listener of its own', () => {
  const open: MetricsListener[] = [];
  const listen = async (token?: string, scrape = async () => '# TYPE up gauge\nup 1\n', onError = jest.fn()) => {
    const listener = await listenMetrics({ host: '127.0.0.1', port: 0, token }, scrape, onError);
    open.push(listener);
    return listener;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.close()));
  });

  it('answers GET /metrics with the Prometheus text, and nothing else', async () => {
    const { url, port } = await listen();
    expect(url).toBe(`http://127.0.0.1:${port}/metrics`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(METRICS_CONTENT_TYPE);
    expect(await res.text()).toBe('# TYPE up gauge\nup 1\n');
    expect((await fetch(`${url}?name[]=up`)).status).toBe(200);
    expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(url.replace('/metrics', '/health/live'))).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });

  it('with a token, answers only a scrape that sends it as a bearer token', async () => {
    const { url } = await listen('metrics-token-0123456789');
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer metrics-token-012345678' } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'metrics-token-0123456789' } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status).toBe(200);
  });

  it('answers 503 when the scrape fails (a worker that does not answer), and reports why', async () => {
    const onError = jest.fn();
    const { url } = await listen(undefined, () => Promise.reject(new Error('worker 2 did not answer')), onError);
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain('worker 2');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'worker 2 did not answer' }));
  });

  it('refuses to start on a taken port, naming the settings', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      await expect(listenMetrics({ host: '127.0.0.1', port }, async () => '', jest.fn())).rejects.toThrow(
        `METRICS_HOST/METRICS_PORT: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`,
      );
    } finally {
      taken.close();
    }
  });
});
