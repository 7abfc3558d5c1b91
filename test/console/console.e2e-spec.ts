import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  BROWSER,
  ConsoleBrowser,
  describeInBrowser,
  ensureConsoleBuilt,
  launchConsoleBrowser,
  readmeScreenshot,
  REPO,
} from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * The web console (apps/console) in a real browser against a real registry: sign-in, four eyes in the review
 * queue (the new queue's bulk approval and search: review-console.e2e-spec.ts), a brandname with its handset preview, a CSV import report, suspending a number, the audit chain.
 */

jest.setTimeout(60_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');

let h: RegistryHarness;
let base: string;
let page: Page;
let browser: ConsoleBrowser;
const cspViolations: string[] = [];
/** The registry's verdict on your own item, as the console says it beside the disabled button. */
const OWN_ITEM = 'Cần một cán bộ khác phê duyệt: chính bạn đã tham gia việc này';

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function signIn(username: string, password: string) {
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

async function nav(name: string) {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name }).click();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });

  h = await RegistryHarness.start();
  await h.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(h.app.getHttpServer().address() as { port: number }).port}`;

  await h.createUser('reg2', 'regulator');

  if (!BROWSER) return;
  browser = await launchConsoleBrowser();
  ({ page } = browser);
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('serving', () => {
  it('serves the console at /console/ with an SPA fallback, outside the API and its guard', async () => {
    const index = await h.http().get('/console/').expect(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.text).toContain('<div id="root">');
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    const deep = await h.http().get('/console/organizations/00000000-0000-4000-8000-000000000000').expect(200);
    expect(deep.text).toBe(index.text);
    await h.http().get('/console').expect(301).expect('location', '/console/');
    await h.http().get('/').expect(302).expect('location', '/console/'); // the bare address is the console
    await h.http().get('/?x=1').expect(302).expect('location', '/console/');
    await h.http().post('/').expect(404);
    await h.http().get('/console/assets/nope.js').expect(404);
    await h.http().get('/v1/organizations').expect(401); // the API is still guarded
  });

  it('GET /v1/auth/me names the signed-in user', async () => {
    const me = await (await h.as('reg2')).get('/v1/auth/me').expect(200);
    expect(me.body).toEqual({
      id: expect.any(String),
      username: 'reg2',
      role: 'regulator',
      organizationId: null,
      passwordChangeRequired: false,
      secondFactorEnrollmentRequired: false,
      secondFactorEnrolled: false,
    });
    await h.http().get('/v1/auth/me').expect(401);
    const doc = await h.http().get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths['/v1/auth/me'].get.responses).sort()).toEqual(['200', '401']);
    expect(Object.keys(doc.body.paths)).not.toContain('/console');
  });
});

describeInBrowser('the console in a browser', () => {
  let micId: string;

  it('signs in as a regulator, creates MIC and submits BO TTTT, and shows four eyes on its own items', async () => {
    await page.goto(`${base}/console/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await shot('01-login');

    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(ROOT.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();

    await signIn(ROOT.username, ROOT.password);
    await page.getByRole('heading', { name: 'Hàng chờ duyệt' }).waitFor();
    await page.getByText('Không có mục nào chờ duyệt.').waitFor();

    await nav('Cơ quan');
    await page.getByLabel('Mã cơ quan', { exact: true }).fill('MIC');
    await page.getByLabel('Tên cơ quan', { exact: true }).fill('Bộ Thông tin và Truyền thông');
    await page.getByLabel('Loại', { exact: true }).selectOption('ministry');
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo cơ quan MIC' }).waitFor();
    await shot('02-organizations');

    await page.getByRole('link', { name: 'MIC' }).click();
    await page.getByRole('heading', { name: /Bộ Thông tin và Truyền thông/ }).waitFor();
    micId = /organizations\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.getByLabel('Nhãn', { exact: true }).fill('BO TTTT');
    await page.getByLabel('Tên tiếng Việt', { exact: true }).fill('Bộ TT&TT');
    await page.getByRole('button', { name: 'Gửi tên định danh' }).click();
    const card = page.getByTestId('brandname').filter({ hasText: 'BO TTTT' });
    await card.waitFor();
    await expect(card.locator('.bn-label').textContent()).resolves.toBe('BO TTTT');
    await expect(card.locator('.bn-name').textContent()).resolves.toBe('Bộ TT&TT');
    await expect(card.locator('.handset-basic .caller').textContent()).resolves.toBe('BO TTTT');
    await expect(card.locator('.handset-smart .caller').textContent()).resolves.toBe('Bộ TT&TT');
    // Pending: previewed as a draft, never with the "verified" mark of a live name.
    await expect(card.locator('.handset-smart').textContent()).resolves.toContain('Chưa hiển thị: chờ phê duyệt');
    await expect(card.getByText('✓ Đã xác thực').count()).resolves.toBe(0);
    // Four eyes on the organization page: root's own items can't be approved by root (the registry says so, with why).
    const approveOwn = card.getByRole('button', { name: 'Duyệt: Tên định danh BO TTTT' });
    await expect(approveOwn.isDisabled()).resolves.toBe(true);
    const why = card.getByTestId('four-eyes');
    await expect(why.textContent()).resolves.toContain(OWN_ITEM);
    await expect(approveOwn.getAttribute('aria-describedby')).resolves.toBe(await why.getAttribute('id'));
    await shot('03-organization-brandname');

    // Someone else's item, so the queue shows both cases.
    await (await h.as('reg2')).post('/v1/organizations').send({ code: 'MPS', name: 'Bộ Công an', kind: 'ministry' }).expect(201);

    await nav('Hàng chờ duyệt');
  });

  it('lists the queue oldest first with the four-eyes notice on your own items', async () => {
    const rows = page.getByTestId('queue-item');
    await rows.nth(2).waitFor();
    await expect(rows.count()).resolves.toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('Bộ Thông tin và Truyền thông');
    expect(texts[1]).toContain('BO TTTT / Bộ TT&TT');
    expect(texts[2]).toContain('Bộ Công an');
    for (const i of [0, 1]) {
      await expect(rows.nth(i).getByText(OWN_ITEM).isVisible()).resolves.toBe(true);
      await expect(
        rows
          .nth(i)
          .getByRole('button', { name: /^Duyệt/ })
          .isDisabled(),
      ).resolves.toBe(true);
    }
    await expect(rows.nth(2).getByTestId('four-eyes').count()).resolves.toBe(0);
    await expect(
      rows
        .nth(2)
        .getByRole('button', { name: /^Duyệt/ })
        .isEnabled(),
    ).resolves.toBe(true);
    await expect(rows.nth(2).textContent()).resolves.toContain('reg2');
    // Nothing is selected yet: the bulk action waits for a choice (review-console.e2e-spec.ts runs it).
    await expect(page.getByRole('button', { name: 'Phê duyệt các mục đã chọn (0)' }).isDisabled()).resolves.toBe(true);
    await expect(rows.nth(2).getByRole('checkbox', { name: 'Chọn: Cơ quan Bộ Công an' }).isEnabled()).resolves.toBe(true);
    await shot('04-review-queue-four-eyes');
    await signOut();
  });

  it('a second regulator approves the organization and the brandname in the queue', async () => {
    await signIn('reg2', 'reg2-password-123');
    await page.getByRole('heading', { name: 'Hàng chờ duyệt' }).waitFor();
    await page.getByRole('button', { name: 'Duyệt: Cơ quan Bộ Thông tin và Truyền thông' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã duyệt: Cơ quan Bộ Thông tin và Truyền thông' }).waitFor();
    await page.getByRole('button', { name: 'Duyệt: Tên định danh BO TTTT / Bộ TT&TT' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã duyệt: Tên định danh BO TTTT' }).waitFor();
    // reg2's own MPS is left, with the notice
    await page.getByTestId('queue-item').filter({ hasText: 'Bộ Công an' }).getByText(OWN_ITEM).waitFor();
    await page.getByTestId('queue-item').nth(1).waitFor({ state: 'detached' });
    await expect(page.getByTestId('queue-item').count()).resolves.toBe(1);
    await shot('05-review-queue-after-approval');
    const org = await (await h.as('reg2')).get(`/v1/organizations/${micId}`).expect(200);
    expect(org.body.status).toBe('active');
  });

  it('refuses a look-alike of a live brandname in Vietnamese, saying what to do', async () => {
    const mps = (await (await h.as('reg2')).get('/v1/organizations').expect(200)).body.find((o: { code: string }) => o.code === 'MPS');
    await page.goto(`${base}/console/organizations/${mps.id}`);
    await page.getByLabel('Nhãn', { exact: true }).fill('B0 TTTT'); // a zero for the O
    await page.getByLabel('Tên tiếng Việt', { exact: true }).fill('Bộ TT và TT');
    await page.getByRole('button', { name: 'Gửi tên định danh' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'quá giống tên định danh của một cơ quan khác' });
    await alert.waitFor();
    const text = (await alert.textContent())!;
    expect(text).toContain('hãy chọn tên khác hẳn');
    expect(text).not.toMatch(/looks like|CONFUSABLE_NAME|Máy chủ từ chối:/); // the API's English stays in the API
    await shot('05b-look-alike-refused');
  });

  it('imports a CSV: a dry run reports the one bad row, then the import writes the good ones', async () => {
    await page.goto(`${base}/console/organizations/${micId}`);
    await page.getByRole('heading', { name: 'Nhập số từ tệp CSV' }).waitFor();
    const csv = [
      'number,label,direction,allowedOrigins,validFrom,validTo',
      '0912345678,BO TTTT,,,,',
      '=1+2,BO TTTT,,,,',
      '0912345679,BO TTTT,,,,',
    ].join('\n');
    await page
      .getByLabel('Tệp CSV', { exact: true })
      .setInputFiles({ name: 'numbers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByLabel('Chạy thử (chỉ kiểm tra, không ghi)').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect(report.getByRole('status').textContent()).resolves.toContain('Chạy thử: 3 dòng, 2 dòng hợp lệ, 1 dòng bị từ chối.');
    const rows = report.getByTestId('import-row');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(/^3=1\+2,BO TTTT,,,,INVALID_NUMBERSố điện thoại không hợp lệ/);
    await expect(page.locator('progress').getAttribute('value')).resolves.toBe('1');
    const download = page.waitForEvent('download');
    await report.getByRole('link', { name: 'Tải báo cáo (CSV)' }).click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Dòng,Nội dung,Mã lỗi,Lỗi\r\n');
    expect(text).toContain(`3,"'=1+2,BO TTTT,,,,",INVALID_NUMBER,Số điện thoại không hợp lệ`);
    expect(text).not.toMatch(/is not a valid/);
    await shot('06-import-dry-run');
    await expect(page.getByTestId('number-row').count()).resolves.toBe(0);

    await page.getByLabel('Chạy thử (chỉ kiểm tra, không ghi)').uncheck();
    await page.getByRole('button', { name: 'Nhập số' }).click();
    await report.getByRole('status').filter({ hasText: 'Đã nhập: 3 dòng, 2 dòng hợp lệ đã ghi, 1 dòng bị từ chối.' }).waitFor();
    await page.getByTestId('number-row').nth(1).waitFor();
  });

  it('adds a number; the other regulator approves it, then suspends it with a reason', async () => {
    await page.getByRole('textbox', { name: 'Số điện thoại', exact: true }).fill('024 3943 7142');
    await page.getByRole('button', { name: 'Thêm số' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm số 024 3943 7142' }).waitFor();
    const row = () => page.getByTestId('number-row').filter({ hasText: '+842439437142' });
    await row().getByText(OWN_ITEM).waitFor();
    await signOut();

    await signIn(ROOT.username, ROOT.password);
    await page.goto(`${base}/console/organizations/${micId}`);
    await row().getByRole('button', { name: 'Duyệt: Số 024 3943 7142' }).click();
    await row().getByText('Hoạt động').waitFor();
    await row().getByRole('button', { name: 'Tạm ngưng: Số 024 3943 7142' }).click();
    await row()
      .getByLabel(/Lý do tạm ngưng/)
      .fill('Cơ quan báo mất kiểm soát số');
    await row().getByRole('button', { name: 'Xác nhận tạm ngưng' }).click();
    await row().getByText('Tạm ngưng', { exact: true }).waitFor();
    await row().getByText('Lý do: Cơ quan báo mất kiểm soát số').waitFor();

    await page.getByLabel('Lọc theo trạng thái').selectOption('suspended');
    await page.getByTestId('number-row').nth(1).waitFor({ state: 'detached' });
    await expect(page.getByTestId('number-row').allTextContents()).resolves.toEqual([expect.stringContaining('+842439437142')]);
    await page.getByLabel('Lọc theo trạng thái').selectOption('');
    await page.getByTestId('number-row').nth(2).waitFor();
    await shot('07-organization-numbers');
  });

  it('manages carriers and shows a new key once, in a dialog in view even from the last carrier card', async () => {
    const root = await h.as(ROOT.username);
    for (const [code, name] of [
      // codes that sort before VIETTEL: its card, added below, is the last one
      ['GMOBILE', 'Gmobile'],
      ['ITEL', 'Itel'],
      ['MOBIFONE', 'MobiFone'],
      ['REDDI', 'Reddi'],
    ]) {
      await root.post('/v1/carriers').send({ code, name }).expect(201);
    }
    await nav('Nhà mạng');
    await page.getByLabel('Mã nhà mạng', { exact: true }).fill('VIETTEL');
    await page.getByLabel('Tên nhà mạng', { exact: true }).fill('Viettel');
    await page.getByRole('button', { name: 'Thêm nhà mạng' }).click();
    await page.getByRole('button', { name: 'Tạo khóa API cho VIETTEL' }).waitFor();
    const last = page.getByRole('button', { name: /^Tạo khóa API cho / }).last();
    await expect(last.getAttribute('aria-label')).resolves.toBe('Tạo khóa API cho VIETTEL');
    await last.scrollIntoViewIfNeeded();
    await last.click();
    const dialog = page.getByRole('dialog', { name: 'Khóa API mới của VIETTEL' });
    await dialog.waitFor();
    const key = await dialog.getByTestId('new-key').textContent();
    expect(key?.length).toBeGreaterThan(20);
    // In the middle of the screen, wherever the button was, and it stays there through Escape.
    const box = (await dialog.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Sao chép', exact: true }).waitFor();
    await shot('08-carriers');
    await readmeScreenshot(page, 'carrier-key-dialog');
    await dialog.getByRole('button', { name: 'Tôi đã sao chép khóa' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('new-key').count()).resolves.toBe(0); // gone for good
  });

  it('the "Triển khai" tab shows each carrier and a daily chart of branded answers', async () => {
    // What a lookup instance reports (its reporter is tested in test/registry/rollout.e2e-spec.ts).
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await h.ds.query(
      `INSERT INTO branded_answer_counts (organization_id, carrier_code, hour, answers, first_at, last_at) VALUES ($1, 'VIETTEL', $2, 42, $2, $2)`,
      [micId, hour],
    );
    await page.goto(`${base}/console/organizations/${micId}`);
    await page.getByRole('tab', { name: 'Triển khai' }).click();
    const row = page.getByTestId('rollout-row').filter({ hasText: 'Viettel' });
    await row.getByText('42', { exact: true }).waitFor();
    await row.getByText('Chưa đồng bộ').waitFor();
    // The chart is SVG drawn by the chart library: one bar for today's 42 answers.
    await page.locator('[data-testid="rollout"] svg.recharts-surface .recharts-bar-rectangle').first().waitFor();
    await shot('08b-rollout');
    await page.getByRole('tab', { name: 'Hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Tên định danh', exact: true }).waitFor();
  });

  it('lists the audit log with before/after and verifies the chain', async () => {
    await nav('Nhật ký');
    await page.getByRole('heading', { name: 'Nhật ký' }).waitFor();
    await page.locator('table.audit tbody tr').first().waitFor();
    await page.getByLabel('Loại đối tượng').selectOption('number');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    // In words: the action, the object by its number, what changed, Vietnam time; no codes or UUIDs.
    const suspended = page.getByTestId('audit-row').filter({ hasText: 'Tạm ngưng số điện thoại' }).first();
    await suspended.waitFor();
    const row = (await suspended.textContent())!;
    expect(row).toContain('024 3943 7142'); // national format
    expect(row).toContain('Trạng thái: Hoạt động → Tạm ngưng');
    expect(row).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(row).not.toMatch(/number\.suspend|[0-9a-f]{8}…/);
    await suspended.getByText('Dữ liệu gốc').click();
    // The filtered range as a file: the same words, only numbers' events.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất CSV (theo bộ lọc)' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\ufeff?STT,Thời điểm \(giờ Việt Nam\),Người thực hiện,/);
    expect(lines.length).toBe((await page.getByTestId('audit-row').count()) + 1);
    expect(lines.slice(1).every((l) => l.includes(',Số điện thoại,'))).toBe(true);
    expect(csv).toContain('Tạm ngưng số điện thoại');
    await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
    await page.getByText(/Chuỗi nhật ký toàn vẹn: đã kiểm tra \d+ sự kiện/).waitFor();
    await shot('09-audit');
    await readmeScreenshot(page, 'audit');
  });

  it('signs out on a 401 (an expired or revoked token)', async () => {
    // runs in the page (a string, as the root tsconfig has no DOM types)
    await page.evaluate(`(() => {
      const s = JSON.parse(sessionStorage.getItem('vbr.console.session'));
      s.token = 'not-a-valid-token';
      sessionStorage.setItem('vbr.console.session', JSON.stringify(s));
    })()`);
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByText('Phiên làm việc đã hết hạn').waitFor();
  });

  it('an agency admin sees only its own organization, without review, carriers or audit', async () => {
    await h.createUser('mic.admin', 'agency_admin', micId);
    await signIn('mic.admin', 'mic.admin-password-123');
    await page.getByRole('heading', { name: /Bộ Thông tin và Truyền thông/ }).waitFor();
    const links = await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents();
    expect(links).toEqual(['Cơ quan', 'Hồ sơ đăng ký', 'Người dùng', 'Đổi mật khẩu']);
    await expect(page.getByRole('button', { name: /^(Duyệt|Tạm ngưng)/ }).count()).resolves.toBe(0);
    await page.getByRole('heading', { name: 'Nhập số từ tệp CSV' }).waitFor();
    await shot('10-agency-admin');
    // The API's own refusal is shown when the console asks for something the role may not have.
    await page.goto(`${base}/console/organizations/${(await (await h.as('reg2')).get('/v1/organizations?status=pending')).body[0].id}`);
    await page
      .getByRole('alert')
      .filter({ hasText: /Không tìm thấy mục này|không có quyền/ })
      .waitFor();
    await shot('11-agency-admin-refused');
  });

  it('ran with no Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
