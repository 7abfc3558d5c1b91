import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BROWSER, ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Issue 16 in a real browser: the header search finds a number typed in another format than stored, the review
 * queue shows what a reviewer reads and approves three numbers at once (one refused by four eyes, reported in
 * Vietnamese item by item), and an agency admin's emergency stop.
 */

jest.setTimeout(60_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
const SCREENSHOTS = join(REPO, 'apps/console/screenshots');

let h: RegistryHarness;
let base: string;
let page: Page;
let browser: ConsoleBrowser;
let micId: string;
const numbers = {} as { live: string; mine: string; a: string; b: string; revised: string };

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
/** The README's screenshots: written when missing or with UPDATE_SCREENSHOTS=1, so test runs leave git clean. */
async function readmeShot(name: string) {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (!existsSync(path) || process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path, fullPage: true });
}

async function signIn(username: string, password: string) {
  await page.goto(`${base}/console/`);
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  h = await RegistryHarness.start();
  await h.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(h.app.getHttpServer().address() as { port: number }).port}`;
  await h.createUser('reg2', 'regulator');
  const root = await h.as(ROOT.username);
  const reg2 = await h.as('reg2');
  await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
  micId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  const brand = await h.activeBrandname(micId, 'BO TTTT', 'Bộ TT&TT');
  const register = async (by: typeof root, number: string, extra: object = {}) =>
    (
      await by
        .post(`/v1/organizations/${micId}/numbers`)
        .send({ number, brandnameId: brand, ...extra })
        .expect(201)
    ).body;
  // Stored as +842439437142; the search types it another way.
  numbers.live = (await register(root, '024 3943 7142')).id;
  await reg2.post(`/v1/numbers/${numbers.live}/approve`).send({}).expect(200);
  // A live number with a change waiting: the queue shows before → after.
  const revised = await register(root, '024 3943 7150');
  await reg2.post(`/v1/numbers/${revised.id}/approve`).send({}).expect(200);
  const version = (await root.get(`/v1/numbers/${revised.id}`).expect(200)).body.version;
  await reg2.patch(`/v1/numbers/${revised.id}`).send({ version, direction: 'inbound_only' }).expect(200);
  numbers.revised = revised.id;
  // Three pending numbers: root submitted one (four eyes refuses it to root), reg2 the other two.
  numbers.mine = (await register(root, '024 3943 7160')).id;
  numbers.a = (
    await register(reg2, '024 3943 7161', {
      direction: 'inbound_only',
      allowedOrigins: ['VIETTEL'],
      validTo: '2030-01-01T00:00:00+07:00',
      evidence: 'Công văn 123/BTTTT',
    })
  ).id;
  numbers.b = (await register(reg2, '024 3943 7162')).id;
  await h.createUser('mic.admin', 'agency_admin', micId);

  if (!BROWSER) return;
  browser = await launchConsoleBrowser();
  ({ page } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describeInBrowser('search, the review queue and the emergency stop in a browser', () => {
  it('the header search finds a number typed in another format, with its organization', async () => {
    await signIn(ROOT.username, ROOT.password);
    await page.getByRole('heading', { name: 'Hàng chờ duyệt' }).waitFor();
    await page.getByRole('searchbox', { name: 'Tìm số điện thoại hoặc cơ quan' }).fill('+84 24 3943 7142');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('heading', { name: /Kết quả tìm kiếm/ }).waitFor();
    const hit = page.getByTestId('number-result');
    await hit.first().waitFor();
    await expect(hit.count()).resolves.toBe(1);
    const text = await hit.textContent();
    expect(text).toContain('024 3943 7142');
    expect(text).toContain('MIC');
    expect(text).toContain('Bộ Thông tin và Truyền thông');
    expect(text).toContain('BO TTTT');
    await readmeShot('search');
    await shot('20-search-number');
  });

  it('finds organizations by name without diacritics', async () => {
    await page.getByRole('searchbox', { name: 'Tìm số điện thoại hoặc cơ quan' }).fill('bo thong tin');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByTestId('organization-results').getByRole('link', { name: 'MIC' }).waitFor();
    await page.getByText('Không phải số điện thoại: chỉ tìm cơ quan.').waitFor();
  });

  it('the queue shows direction, origins, validity, evidence, submitter, what changed, and four eyes', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hàng chờ duyệt' }).click();
    const rows = page.getByTestId('queue-item');
    await rows.nth(3).waitFor();
    await expect(rows.count()).resolves.toBe(4);
    const inbound = rows.filter({ hasText: '024 3943 7161' });
    await expect(inbound.locator('.badge-inbound').textContent()).resolves.toMatch(/^Chỉ nhận cuộc gọi/);
    const facts = await inbound.textContent();
    for (const t of ['VIETTEL', 'đến 01/01/2030', 'Công văn 123/BTTTT', 'reg2', 'BO TTTT']) expect(facts).toContain(t);
    await expect(rows.filter({ hasText: '024 3943 7162' }).locator('.badge-outbound').textContent()).resolves.toBe('Gọi đi');
    const revised = rows.filter({ hasText: '024 3943 7150' });
    await revised.getByText('Chiều gọi: Gọi đi → Chỉ nhận cuộc gọi').waitFor();
    await revised.getByRole('button', { name: 'Duyệt thay đổi: Số 024 3943 7150' }).waitFor();
    const mine = rows.filter({ hasText: '024 3943 7160' });
    await mine.getByText(/Cần một cán bộ duyệt khác/).waitFor();
    await expect(mine.getByRole('button', { name: 'Duyệt: Số 024 3943 7160' }).isDisabled()).resolves.toBe(true);
  });

  it('approves three selected numbers at once: two approved, one refused by four eyes, item by item in Vietnamese', async () => {
    for (const n of ['7160', '7161', '7162']) await page.getByRole('checkbox', { name: `Chọn: Số 024 3943 ${n}` }).check();
    await page.getByText('1 mục đã chọn do bạn gửi hoặc sửa').waitFor();
    await page.getByRole('button', { name: 'Phê duyệt các mục đã chọn (3)' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã phê duyệt 2 mục, 1 mục bị từ chối.' }).waitFor();
    const results = await page.getByTestId('bulk-result').allTextContents();
    expect(results).toEqual([
      expect.stringMatching(/^Không phê duyệt được: Số 024 3943 7160\. Bạn đã tham gia thay đổi này/),
      'Đã phê duyệt: Số 024 3943 7161',
      'Đã phê duyệt: Số 024 3943 7162',
    ]);
    // The queue reloads: the two approved numbers left it, root's own and the revision stay.
    await page.getByTestId('queue-item').nth(2).waitFor({ state: 'detached' });
    await expect(page.getByTestId('queue-item').count()).resolves.toBe(2);
    const root = await h.as(ROOT.username);
    expect((await root.get(`/v1/numbers/${numbers.a}`).expect(200)).body.status).toBe('active');
    expect((await root.get(`/v1/numbers/${numbers.mine}`).expect(200)).body.status).toBe('pending');
    await readmeShot('review-queue');
    await shot('21-review-queue-bulk');
    await signOut();
  });

  it('an agency admin stops its own number at once, with a reason; it cannot lift the stop', async () => {
    await signIn('mic.admin', 'mic.admin-password-123');
    await page.getByRole('heading', { name: /Bộ Thông tin và Truyền thông/ }).waitFor();
    const row = () => page.getByTestId('number-row').filter({ hasText: '+842439437142' });
    await row().getByRole('button', { name: 'Tạm dừng khẩn cấp: Số 024 3943 7142' }).click();
    await row()
      .getByLabel(/Lý do tạm dừng khẩn cấp/)
      .fill('Cơ quan phát hiện số bị giả mạo');
    await row().getByRole('button', { name: 'Xác nhận tạm dừng khẩn cấp' }).click();
    await row().getByText('Tạm ngưng', { exact: true }).waitFor();
    await row().getByText('Lý do: Cơ quan phát hiện số bị giả mạo').waitFor();
    await expect(
      row()
        .getByRole('button', { name: /Khôi phục|Tạm dừng khẩn cấp/ })
        .count(),
    ).resolves.toBe(0);
    await shot('22-agency-emergency-stop');
    const n = (await (await h.as(ROOT.username)).get(`/v1/numbers/${numbers.live}`).expect(200)).body;
    expect(n).toMatchObject({ status: 'suspended', statusReason: 'Cơ quan phát hiện số bị giả mạo' });
  });
});
