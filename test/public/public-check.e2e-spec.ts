import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { TcpProxy, viaProxy } from '../support/tcp-proxy';
import { EVENTUALLY_MS, within } from '../support/wait';

jest.setTimeout(60_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** As the console suite: skipped with a notice where there is no Chromium, never under CI. */
const BROWSER = existsSync(CHROMIUM);
if (!BROWSER && process.env.CI) throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`);
if (!BROWSER) console.warn(`Public check browser test skipped: no Chromium at ${CHROMIUM}`);
const itInBrowser = BROWSER ? it : it.skip;
const ARTIFACTS = join(resolve(__dirname, '../..'), 'test/artifacts/public');

async function lookupAppWith(env: Record<string, string>): Promise<NestFastifyApplication> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await createLookupApp();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The citizens' check: no key, only what a handset shows, limited per address, from memory. */
describe('public check', () => {
  let h: RegistryHarness;
  let proxy: TcpProxy;
  let lookup: NestFastifyApplication;
  const check = (app: NestFastifyApplication, number: string) =>
    request(app.getHttpServer()).get(`/v1/public/check/${encodeURIComponent(number)}`);

  beforeAll(async () => {
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    await (await h.as(ROOT.username)).post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    const brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    const add = async (number: string, body: object = {}) => {
      const res = await (
        await h.as(ROOT.username)
      )
        .post(`/v1/organizations/${mic}/numbers`)
        .send({ number, brandnameId: brand, evidence: 'Công văn số 12/BTTTT', ...body })
        .expect(201);
      await (await h.as('reg2')).post(`/v1/numbers/${res.body.id}/approve`).send({}).expect(200);
      return res.body.id as string;
    };
    await add('024 3943 7142', { allowedOrigins: ['VIETTEL'] });
    await add('1800 1234', { direction: 'inbound_only' });
    const suspended = await add('0903 123 456');
    await (await h.as('reg2')).post(`/v1/numbers/${suspended}/suspend`).send({ reason: 'Điều tra' }).expect(200);
    proxy = await TcpProxy.forDatabase(process.env.DATABASE_URL!);
    lookup = await lookupAppWith({ DATABASE_URL: viaProxy(process.env.DATABASE_URL!, proxy), PUBLIC_CHECK_RATE_PER_MIN: '0' });
    await within(EVENTUALLY_MS, async () => expect((await check(lookup, '0903123456').expect(200)).body.status).toBe('suspended'));
  });
  afterAll(async () => {
    proxy?.restore();
    await lookup?.close();
    await proxy?.close();
    await h?.stop();
  });

  it('answers a registered number in any format, with only what a handset shows', async () => {
    for (const format of ['024 3943 7142', '02439437142', '+842439437142', '842439437142', '+84 24 3943 7142']) {
      const res = await check(lookup, format).expect(200);
      expect(res.body).toEqual({
        number: '+842439437142',
        registered: true,
        organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
        display: { label: 'BO TTTT', name: 'Bộ TT&TT' },
        status: 'active',
      });
      expect(res.text).not.toMatch(/VIETTEL|Công văn|evidence|allowedOrigins|reg2|root|count/i);
    }
  });

  it('answers a suspended, an inbound-only and an unregistered number, and refuses an invalid one with the usual body', async () => {
    expect((await check(lookup, '0903 123 456').expect(200)).body).toEqual({
      number: '+84903123456',
      registered: true,
      organization: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      display: { label: 'BO TTTT', name: 'Bộ TT&TT' },
      status: 'suspended',
    });
    expect((await check(lookup, '1800 1234').expect(200)).body).toMatchObject({ registered: true, status: 'active', inboundOnly: true });
    expect((await check(lookup, '0911 111 111').expect(200)).body).toEqual({ number: '+84911111111', registered: false });
    const bad = await check(lookup, 'gọi tôi đi').expect(400);
    expect(bad.body).toEqual({ statusCode: 400, code: 'INVALID_NUMBER', message: expect.any(String), requestId: expect.any(String) });
    expect((await check(lookup, '123').expect(400)).body.code).toBe('INVALID_NUMBER');
  });

  it('keeps answering from the in-memory index while the database is away', async () => {
    proxy.cut();
    try {
      expect((await check(lookup, '024 3943 7142').expect(200)).body.registered).toBe(true);
      expect((await check(lookup, '0911 111 111').expect(200)).body.registered).toBe(false);
    } finally {
      proxy.restore();
    }
  });

  it('refuses the 31st request in a minute from one address (429, Retry-After); X-Forwarded-For only counts behind TRUST_PROXY', async () => {
    const direct = await lookupAppWith({});
    const proxied = await lookupAppWith({ TRUST_PROXY: 'true' });
    try {
      const from = (app: NestFastifyApplication, xff?: string) => {
        const req = check(app, '024 3943 7142');
        return xff ? req.set('X-Forwarded-For', xff) : req;
      };
      for (let i = 1; i <= 30; i++) await from(direct, `198.51.100.${i}`).expect(200); // spoofed headers are ignored
      const refused = await from(direct, '198.51.100.99').expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      await request(direct.getHttpServer()).get('/kiem-tra?so=0911111111').expect(429); // the page shares the limit

      for (let i = 0; i < 30; i++) await from(proxied, '203.0.113.7').expect(200);
      await from(proxied, '203.0.113.7').expect(429);
      await from(proxied, '203.0.113.8').expect(200);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as its IPv4', async () => {
    const proxied = await lookupAppWith({ TRUST_PROXY: 'true', PUBLIC_CHECK_RATE_PER_MIN: '2' });
    try {
      const from = (xff: string) => check(proxied, '024 3943 7142').set('X-Forwarded-For', xff);
      // Three addresses of one /64 share its two checks; the next /64 has its own.
      await from('2001:db8:1:2::1').expect(200);
      await from('2001:db8:1:2:ffff:ffff:ffff:fffe').expect(200);
      expect((await from('2001:0db8:0001:0002::77').expect(429)).body.code).toBe('RATE_LIMITED');
      await request(proxied.getHttpServer()).get('/kiem-tra?so=0911111111').set('X-Forwarded-For', '2001:db8:1:2::9').expect(429);
      await from('2001:db8:1:3::1').expect(200);
      // IPv4: per address; ::ffff:192.0.2.1 is 192.0.2.1.
      await from('::ffff:192.0.2.1').expect(200);
      await from('192.0.2.1').expect(200);
      await from('::ffff:c000:201').expect(429);
      await from('192.0.2.2').expect(200);
    } finally {
      await proxied.close();
    }
  });

  it('serves /kiem-tra as a plain page: the answer in Vietnamese, the reporting channels, no script', async () => {
    const empty = await request(lookup.getHttpServer()).get('/kiem-tra').expect(200);
    expect(empty.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(empty.text).toContain('<form method="get" action="/kiem-tra">');
    expect(empty.text).not.toMatch(/<script/i);
    const yes = await request(lookup.getHttpServer()).get('/kiem-tra?so=024+3943+7142').expect(200);
    expect(yes.text).toContain(
      'Số 024 3943 7142 đã được đăng ký cho Bộ Thông tin và Truyền thông. Khi gọi, màn hình hiện BO TTTT / Bộ TT&amp;TT.',
    );
    expect(yes.text).toContain('nhắn tin đến <strong>5656</strong>'); // the national channels: calls
    expect(yes.text).toContain('nhắn tin đến <strong>156</strong>'); // and messages
    const no = await request(lookup.getHttpServer()).get('/kiem-tra?so=0911111111').expect(200);
    expect(no.text).toContain('Số này không có trong danh bạ định danh của cơ quan nhà nước. Hãy cảnh giác');
    const invalid = await request(lookup.getHttpServer()).get('/kiem-tra?so=%3Cscript%3E').expect(400);
    expect(invalid.text).toContain('không phải là số điện thoại Việt Nam hợp lệ');
    expect(invalid.text).toContain('value="&lt;script&gt;"');
  });

  itInBrowser('renders the answer in Chromium at phone width, without JavaScript', async () => {
    await lookup.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(lookup.getHttpServer().address() as { port: number }).port}`;
    const profile = mkdtempSync(join(tmpdir(), 'kiem-tra-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      javaScriptEnabled: false,
      locale: 'vi-VN',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(10_000);
      await page.goto(`${base}/kiem-tra`);
      await page.getByLabel('Số điện thoại').fill('024 3943 7142');
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.waitForURL(/so=024/);
      const answer = page.getByRole('status');
      await expect(answer.textContent()).resolves.toContain(
        'Số 024 3943 7142 đã được đăng ký cho Bộ Thông tin và Truyền thông. Khi gọi, màn hình hiện BO TTTT / Bộ TT&TT.',
      );
      // Mobile first: nothing wider than the phone.
      for (const box of [await page.locator('main').boundingBox(), await page.getByRole('button', { name: 'Kiểm tra' }).boundingBox()]) {
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
      await page.screenshot({ path: join(ARTIFACTS, 'kiem-tra-registered.png'), fullPage: true });

      await page.getByLabel('Số điện thoại').fill('0911 111 111');
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.waitForURL(/so=0911/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        'Số này không có trong danh bạ định danh của cơ quan nhà nước.',
      );
      await page.screenshot({ path: join(ARTIFACTS, 'kiem-tra-unregistered.png'), fullPage: true });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
