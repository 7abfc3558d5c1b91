import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BROWSER, ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';

/**
 * Onboarding in the console, in a real browser: a regulator invites Bộ Công an and gets the link once, in a
 * dialog; the agency applies at /console/dang-ky on a phone-width screen with live feedback on its label and the
 * registry's problems in Vietnamese; a second regulator reviews the application with each number's carrier state.
 * Issue 23: whether you may approve it is the registry's verdict, shown beside the button: not the regulator who
 * ticked its checklist, not the one who invited it; a third regulator approves it.
 */

jest.setTimeout(60_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
let h: RegistryHarness;
let base: string;
let browser: ConsoleBrowser;
let page: Page;
let link: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function signIn(username: string, password: string) {
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await RegistryHarness.start();
  await h.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(h.app.getHttpServer().address() as { port: number }).port}`;
  await h.createUser('reg2', 'regulator');
  // Enrolled: a person neither root nor reg2 can act as.
  await h.createUser('reg3', 'regulator');
  const root = await h.as(ROOT.username);
  for (const code of ['VIETTEL', 'VINAPHONE']) await root.post('/v1/carriers').send({ code, name: code }).expect(201);
  if (BROWSER) ({ page } = browser = await launchConsoleBrowser());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describeInBrowser('onboarding in the console', () => {
  it('a regulator invites Bộ Công an; the link stays on screen until the regulator confirms it was sent', async () => {
    await page.goto(`${base}/console/`);
    await signIn(ROOT.username, ROOT.password);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lời mời' }).click();
    await page.getByLabel('Mã cơ quan', { exact: true }).fill('BCA');
    await page.getByLabel('Tên pháp lý', { exact: true }).fill('Bộ Công an');
    // Its kind opens the protected names it applies with ("Công an" is the police's: issue 25).
    await page.getByLabel('Loại cơ quan', { exact: true }).selectOption({ label: 'Công an' });
    await page.getByRole('button', { name: 'Tạo lời mời' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lời mời cho BCA' });
    await dialog.waitFor();
    link = (await page.getByTestId('invitation-link').textContent())!;
    expect(link).toMatch(/\/console\/dang-ky\?token=inv_/);
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await shot('20-invitation-link');
    await dialog.getByRole('button', { name: 'Tôi đã gửi đường dẫn' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('cell', { name: 'Đã dùng' })
      .or(page.getByRole('cell', { name: 'Còn hiệu lực' }))
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
  });

  it('the agency applies on a phone: live label feedback, the problems in Vietnamese, then accepted', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Đăng ký tên định danh thoại' }).waitFor();
    const label = page.getByLabel('Nhãn (hiển thị trên mọi máy)');
    await label.fill('BỘ CÔNG AN');
    await page.getByText('Nhãn chỉ gồm 1–11 chữ cái không dấu').waitFor();
    await expect(page.getByRole('button', { name: 'Nộp hồ sơ' }).isDisabled()).resolves.toBe(true);
    await label.fill('BO CONG AN');
    await expect(page.getByText('Nhãn chỉ gồm 1–11 chữ cái không dấu').isVisible()).resolves.toBe(false);
    await page.getByLabel('Tên hiển thị tiếng Việt').fill('Bộ Công an');
    await page
      .getByLabel('Mỗi dòng một số, kèm mã nhà mạng đã cấp số')
      .fill('024 3822 2593, VIETTEL\n12345, VIETTEL\n024 3822 6602, MOBIPHONE');
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Thư điện tử').fill('an.nguyen@bocongan.gov.vn');
    await page.getByLabel('Điện thoại').fill('024 3822 6602');
    // A taken username (root's): the registry never says whether the username or the organization code is taken.
    await page.getByLabel('Tên đăng nhập').fill(ROOT.username);
    await page.getByLabel('Mật khẩu').fill('bca-admin-password-123');
    await page.getByText('Mỗi lời mời chỉ nhận tối đa 5 lần nộp bị từ chối').waitFor();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const problems = page.getByTestId('problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain('Số thứ 2: Số điện thoại không hợp lệ');
    await expect(problems.textContent()).resolves.toContain('Số thứ 3 (nhà mạng giữ số): Mã nhà mạng không đúng');
    await expect(problems.textContent()).resolves.toContain('Tên đăng nhập: Tên đăng nhập hoặc mã cơ quan không dùng được');
    await shot('21-apply-problems-390');
    expect(await h.ds.query(`SELECT 1 FROM organizations WHERE code = 'BCA'`)).toHaveLength(0);

    await page.getByLabel('Tên đăng nhập').fill('bca.admin');
    await page.getByLabel('Mỗi dòng một số, kèm mã nhà mạng đã cấp số').fill('024 3822 2593, VIETTEL\n024 3822 6602, VINAPHONE');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('a second regulator reviews it: each number with its carrier state, the checklist, approval refused to a checker', async () => {
    await page.goto(`${base}/console/`);
    await signIn('reg2', 'reg2-password-123');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ đăng ký' }).click();
    await page.getByRole('link', { name: 'Bộ Công an' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ của Bộ Công an' }).waitFor();
    const numbers = page.getByTestId('application-numbers');
    await expect(numbers.textContent()).resolves.toContain('024 3822 2593'); // national format
    await expect(numbers.textContent()).resolves.toContain('Chờ nhà mạng xác nhận');
    // The applicant's decision letter, through the API; then reg2 ticks every item and may no longer approve.
    const [app] = await h.ds.query(`SELECT id FROM applications`);
    const applicant = await h.http().post('/v1/auth/login').send({ username: 'bca.admin', password: 'bca-admin-password-123' }).expect(200);
    await h
      .http()
      .post(`/v1/applications/${app.id}/documents`)
      .set('Authorization', `Bearer ${applicant.body.accessToken}`)
      .field('kind', 'decision')
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'quyet-dinh.pdf')
      .expect(201);
    await page.reload();
    await page.getByText('Quyết định: quyet-dinh.pdf').waitFor();
    for (const item of [
      'Đủ hồ sơ (có quyết định thành lập/giao nhiệm vụ)',
      'Tên pháp lý khớp với quyết định',
      'Đã kiểm tra xác nhận của nhà mạng cho từng số',
    ]) {
      // A controlled checkbox: it shows the registry's answer, so wait for the tick to come back.
      await page.getByLabel(item).click();
      await within(EVENTUALLY_MS, async () => expect(await page.getByLabel(item).isChecked()).toBe(true));
    }
    // Having ticked the checklist, reg2 may not approve: the registry's verdict, beside the disabled button.
    const approve = page.getByRole('button', { name: 'Phê duyệt hồ sơ' });
    await expect(approve.isDisabled()).resolves.toBe(true);
    const why = page.getByTestId('four-eyes');
    await expect(why.textContent()).resolves.toBe(
      'Cần một cán bộ khác phê duyệt: chính bạn đã tham gia việc này (gửi, sửa, tạm ngưng, yêu cầu khôi phục, mời hoặc thẩm định).',
    );
    await expect(approve.getAttribute('aria-describedby')).resolves.toBe(await why.getAttribute('id'));
    await shot('22-application-review');
    await expect(page.getByTestId('application-status').textContent()).resolves.toBe('Đã nộp, chờ thẩm định');
    // The registry refuses it too, whatever a page shows.
    const refused = await (await h.as('reg2')).post(`/v1/applications/${app.id}/approve`).send({}).expect(403);
    expect(refused.body).toMatchObject({ code: 'FOUR_EYES_REQUIRED', rule: 'same_account' });
  });

  it('root, who invited it, may not approve it either; a third regulator does', async () => {
    const [app] = await h.ds.query(`SELECT id FROM applications`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn(ROOT.username, ROOT.password);
    await page.goto(`${base}/console/applications/${app.id}`);
    await page.getByRole('heading', { name: 'Hồ sơ của Bộ Công an' }).waitFor();
    await expect(page.getByRole('button', { name: 'Phê duyệt hồ sơ' }).isDisabled()).resolves.toBe(true);
    await page.getByTestId('four-eyes').filter({ hasText: 'Cần một cán bộ khác phê duyệt' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await signIn('reg3', 'reg3-password-123');
    await page.goto(`${base}/console/applications/${app.id}`);
    await page.getByRole('heading', { name: 'Hồ sơ của Bộ Công an' }).waitFor();
    await expect(page.getByTestId('four-eyes').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Phê duyệt hồ sơ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã phê duyệt hồ sơ.' }).waitFor();
    await page
      .getByTestId('application-status')
      .filter({ hasText: /^Đã phê duyệt$/ })
      .waitFor();
    const [approved] = await h.ds.query(`SELECT status FROM applications`);
    expect(approved.status).toBe('approved');
  });
});
