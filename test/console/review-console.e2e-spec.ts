import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BROWSER, ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Issue 16 in a real browser: the header search finds a number typed in another format than stored, the review
 * queue shows what a reviewer reads and approves three items at once (one refused by the registry, reported in
 * Vietnamese item by item), and an agency admin's emergency stop.
 * Issue 23: the queue shows the registry's four-eyes verdict, never its own: what you may not approve is disabled
 * (button and checkbox) with the Vietnamese reason beside it, by the rule that refused it (your own item; an item
 * of an account you created with a password); lifting the stop is a request by one regulator that another
 * approves, in the queue too.
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
const NATIONAL_LIVE = '024 3943 7142';
const REINSTATE_REASON = 'Đã xác minh với cơ quan: số không bị giả mạo';

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
  // Enrolled (neither root nor reg2 alone can act as it): a third person.
  await h.createUser('reg3', 'regulator');
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
  // Root created mic.admin with a password, so root can act as it: root may not approve what mic.admin submits.
  await h.createUser('mic.admin', 'agency_admin', micId);
  await (
    await h.as('mic.admin')
  )
    .post(`/v1/organizations/${micId}/brandnames`)
    .send({ label: 'TONG DAI', displayName: 'Tổng đài Bộ TT&TT' })
    .expect(201);

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
    await rows.nth(4).waitFor();
    await expect(rows.count()).resolves.toBe(5);
    const inbound = rows.filter({ hasText: '024 3943 7161' });
    await expect(inbound.locator('.badge-inbound').textContent()).resolves.toMatch(/^Chỉ nhận cuộc gọi/);
    const facts = await inbound.textContent();
    for (const t of ['VIETTEL', 'đến 01/01/2030', 'Công văn 123/BTTTT', 'reg2', 'BO TTTT']) expect(facts).toContain(t);
    await expect(rows.filter({ hasText: '024 3943 7162' }).locator('.badge-outbound').textContent()).resolves.toBe('Gọi đi');
    const revised = rows.filter({ hasText: '024 3943 7150' });
    await revised.getByText('Chiều gọi: Gọi đi → Chỉ nhận cuộc gọi').waitFor();
    await revised.getByRole('button', { name: 'Duyệt thay đổi: Số 024 3943 7150' }).waitFor();
    // Root's own number: refused by the registry (same_account), disabled, the reason beside the button.
    const mine = rows.filter({ hasText: '024 3943 7160' });
    const mineWhy = mine.getByTestId('four-eyes');
    await expect(mineWhy.textContent()).resolves.toBe(
      'Cần một cán bộ khác phê duyệt: chính bạn đã tham gia việc này (gửi, sửa, tạm ngưng, yêu cầu khôi phục, mời hoặc thẩm định).',
    );
    const mineApprove = mine.getByRole('button', { name: 'Duyệt: Số 024 3943 7160' });
    await expect(mineApprove.isDisabled()).resolves.toBe(true);
    await expect(mineApprove.getAttribute('aria-describedby')).resolves.toBe(await mineWhy.getAttribute('id'));
    // Nor can it be ticked for the bulk approval.
    const mineBox = mine.getByRole('checkbox', { name: 'Chọn: Số 024 3943 7160' });
    await expect(mineBox.isDisabled()).resolves.toBe(true);
    await expect(mineBox.getAttribute('aria-describedby')).resolves.toBe(await mineWhy.getAttribute('id'));
    // Submitted by mic.admin, an account root created with a password: root can act as it, so root may not approve.
    const admins = rows.filter({ hasText: 'TONG DAI / Tổng đài Bộ TT&TT' });
    await expect(admins.textContent()).resolves.toContain('mic.admin');
    await expect(admins.getByTestId('four-eyes').textContent()).resolves.toBe(
      'Cần một cán bộ khác phê duyệt: một người tham gia việc này dùng tài khoản do bạn (hoặc một tài khoản bạn nắm quyền) tạo kèm mật khẩu, đặt lại mật khẩu, yêu cầu đặt lại xác thực hai bước hoặc mời, nên bạn có thể đăng nhập thay họ.',
    );
    await expect(admins.getByRole('button', { name: 'Duyệt: Tên định danh TONG DAI / Tổng đài Bộ TT&TT' }).isDisabled()).resolves.toBe(
      true,
    );
    // What root may approve carries no reason and is enabled.
    for (const n of ['7150', '7161', '7162']) {
      const row = rows.filter({ hasText: `024 3943 ${n}` });
      await expect(row.getByTestId('four-eyes').count()).resolves.toBe(0);
      await expect(row.getByRole('button', { name: /^Duyệt/ }).isEnabled()).resolves.toBe(true);
    }
  });

  it('approves three selected items at once (a revision and two numbers): one refused, reported item by item in Vietnamese', async () => {
    for (const n of ['7150', '7161', '7162']) await page.getByRole('checkbox', { name: `Chọn: Số 024 3943 ${n}` }).check();
    // Meanwhile a third regulator approves 7162: the registry refuses it in the batch, and approves the others.
    await (await h.as('reg3')).post(`/v1/numbers/${numbers.b}/approve`).send({}).expect(200);
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/reviews/approve') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Phê duyệt các mục đã chọn (3)' }).click();
    // Each item says what to approve: the pending item, or the live item's revision.
    expect((await sent).postDataJSON()).toEqual({
      items: [
        { kind: 'numbers', id: numbers.revised, change: 'revision' },
        { kind: 'numbers', id: numbers.a, change: 'new' },
        { kind: 'numbers', id: numbers.b, change: 'new' },
      ],
    });
    await page.getByRole('status').filter({ hasText: 'Đã phê duyệt 2 mục, 1 mục bị từ chối.' }).waitFor();
    const results = await page.getByTestId('bulk-result').allTextContents();
    expect(results).toEqual([
      'Đã phê duyệt thay đổi: Số 024 3943 7150',
      'Đã phê duyệt: Số 024 3943 7161',
      expect.stringMatching(/^Không phê duyệt được: Số 024 3943 7162\. Mục đang ở trạng thái không cho phép thao tác này/),
    ]);
    // The queue reloads: what was approved left it; root's own number and mic.admin's brandname stay.
    await page.getByTestId('queue-item').nth(2).waitFor({ state: 'detached' });
    await expect(page.getByTestId('queue-item').count()).resolves.toBe(2);
    const root = await h.as(ROOT.username);
    expect((await root.get(`/v1/numbers/${numbers.a}`).expect(200)).body.status).toBe('active');
    expect((await root.get(`/v1/numbers/${numbers.mine}`).expect(200)).body.status).toBe('pending');
    expect((await root.get(`/v1/numbers/${numbers.revised}`).expect(200)).body).toMatchObject({
      direction: 'inbound_only',
      pendingRevision: null,
    });
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

  it('a regulator requests the lifting of the stop: it stays suspended, and this regulator may not approve it', async () => {
    await signOut();
    await signIn(ROOT.username, ROOT.password);
    await page.goto(`${base}/console/organizations/${micId}`);
    const row = () => page.getByTestId('number-row').filter({ hasText: '+842439437142' });
    await row()
      .getByRole('button', { name: `Khôi phục: Số ${NATIONAL_LIVE}` })
      .click();
    await row().getByText('Mục vẫn tạm ngưng cho đến khi một cán bộ khác phê duyệt yêu cầu khôi phục này.').waitFor();
    await row()
      .getByLabel(/Lý do khôi phục/)
      .fill(REINSTATE_REASON);
    await row().getByRole('button', { name: 'Gửi yêu cầu khôi phục' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã gửi yêu cầu khôi phục: Số ${NATIONAL_LIVE}. Mục vẫn tạm ngưng` })
      .waitFor();
    // Still suspended, with the waiting request: who asked, when, why.
    await row().getByText('Tạm ngưng', { exact: true }).waitFor();
    const request = row().getByTestId('reinstate-request');
    await expect(request.textContent()).resolves.toMatch(
      new RegExp(`root \\(bạn\\) yêu cầu lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\. Lý do: ${REINSTATE_REASON}$`),
    );
    // Root requested it (and created the suspender's account): approving is disabled, the reason beside it.
    const approve = row().getByRole('button', { name: `Phê duyệt khôi phục: Số ${NATIONAL_LIVE}` });
    await expect(approve.isDisabled()).resolves.toBe(true);
    const why = row().getByTestId('four-eyes');
    // Root requested it, and created mic.admin (the suspender) with a password: either rule refuses root.
    await expect(why.textContent()).resolves.toMatch(
      /^Cần một cán bộ khác phê duyệt: (chính bạn đã tham gia việc này|một người tham gia việc này dùng tài khoản do bạn)/,
    );
    await expect(approve.getAttribute('aria-describedby')).resolves.toBe(await why.getAttribute('id'));
    await expect(
      row()
        .getByRole('button', { name: `Khôi phục: Số ${NATIONAL_LIVE}`, exact: true })
        .count(),
    ).resolves.toBe(0); // one request at a time
    const n = (await (await h.as(ROOT.username)).get(`/v1/numbers/${numbers.live}`).expect(200)).body;
    expect(n).toMatchObject({
      status: 'suspended',
      pendingReinstate: { kind: 'reinstate', reason: REINSTATE_REASON, fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED' } },
    });
    await shot('23-reinstate-requested');
  });

  it('another regulator sees the request in the queue, enabled, and approves it: the number is live again', async () => {
    await signOut();
    await signIn('reg2', 'reg2-password-123');
    await page.getByRole('heading', { name: 'Hàng chờ duyệt' }).waitFor();
    const item = page.getByTestId('queue-item').filter({ hasText: NATIONAL_LIVE });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain(`Yêu cầu khôi phục (đang tạm ngưng). Lý do: ${REINSTATE_REASON}`);
    await expect(item.textContent()).resolves.toContain('root'); // who asked
    await expect(item.getByTestId('four-eyes').count()).resolves.toBe(0);
    // Refusing needs a reason.
    await item.getByRole('button', { name: `Từ chối khôi phục: Số ${NATIONAL_LIVE}` }).click();
    await expect(item.getByRole('button', { name: 'Xác nhận từ chối khôi phục' }).isDisabled()).resolves.toBe(true);
    await item.getByRole('button', { name: 'Hủy' }).click();
    const approve = item.getByRole('button', { name: `Phê duyệt khôi phục: Số ${NATIONAL_LIVE}` });
    await expect(approve.isEnabled()).resolves.toBe(true);
    await shot('24-reinstate-in-queue');
    await approve.click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã phê duyệt khôi phục: Số ${NATIONAL_LIVE}` })
      .waitFor();
    await item.waitFor({ state: 'detached' });
    const n = (await (await h.as('reg2')).get(`/v1/numbers/${numbers.live}`).expect(200)).body;
    expect(n).toMatchObject({ status: 'active', statusReason: REINSTATE_REASON, pendingReinstate: null });
  });
});
