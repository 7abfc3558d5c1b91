import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { BROWSER, ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Người dùng in a real browser: a regulator creates an agency admin (its one-time password in a dialog that
 * waits), who signs in, is made to change it, and signs in again with the new one; disabling that admin in the
 * console ends the admin's open session at its next action. Two tabs, two sessions (sessionStorage is per tab).
 * Issue 23: a regulator made with a two-part enrollment code, end to end: its creator gets the first half (and may
 * not approve it: the registry's reason is beside the disabled button), another regulator approves it and gets
 * the second, and the holder sets its own password on the public Kích hoạt tài khoản page and is signed in.
 */

jest.setTimeout(90_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
const README_SHOT = join(REPO, 'apps/console/screenshots/users.png');
const NEW_PASSWORD = 'mat-khau-moi-cua-toi-2026';
const REG3_PASSWORD = 'mat-khau-rieng-cua-reg3-2026';

let h: RegistryHarness;
let base: string;
let browser: ConsoleBrowser;
let regulator: Page;
let admin: Page;
let oneTimePassword: string;
const code = { first: '', second: '' };

async function signIn(page: Page, username: string, password: string) {
  await page.bringToFront(); // a background tab's animation frames are throttled: every click would wait for them
  await page.goto(`${base}/console/`);
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name }).click();

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(resolve(README_SHOT, '..'), { recursive: true });
  h = await RegistryHarness.start();
  await h.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(h.app.getHttpServer().address() as { port: number }).port}`;
  await h.createUser('reg2', 'regulator');
  const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  await h.createUser('mic.admin', 'agency_admin', mic);
  await h.createUser('auditor', 'auditor');
  if (!BROWSER) return;
  browser = await launchConsoleBrowser();
  regulator = browser.page;
  admin = await browser.context.newPage();
  admin.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describeInBrowser('Người dùng', () => {
  it('a regulator creates an agency admin; the one-time password stays on screen until confirmed', async () => {
    await signIn(regulator, ROOT.username, ROOT.password);
    await nav(regulator, 'Người dùng');
    await regulator.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
    const table = regulator.getByRole('table');
    await table.getByRole('row', { name: /mic\.admin.*Quản trị cơ quan.*Bộ Thông tin và Truyền thông.*Hoạt động/ }).waitFor();
    await table.getByRole('row', { name: /auditor.*Kiểm toán viên/ }).waitFor();

    await regulator.getByLabel('Tên đăng nhập của người mới').fill('mic.admin2');
    await regulator.getByLabel('Vai trò').selectOption({ label: 'Quản trị cơ quan' });
    await regulator.getByLabel('Cơ quan', { exact: true }).selectOption({ label: 'Bộ Thông tin và Truyền thông (MIC)' });
    await regulator.getByRole('button', { name: 'Tạo tài khoản' }).click();

    const dialog = regulator.getByRole('dialog', { name: 'Mật khẩu dùng một lần cho mic.admin2' });
    await dialog.waitFor();
    oneTimePassword = (await dialog.getByTestId('one-time-password').textContent())!.trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await regulator.keyboard.press('Escape'); // it stays: the password is shown once
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Tôi đã sao chép mật khẩu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.getByRole('row', { name: /mic\.admin2.*Quản trị cơ quan.*Hoạt động.*chưa đổi mật khẩu tạm/ }).waitFor();
    await regulator.screenshot({ path: join(ARTIFACTS, 'users.png'), fullPage: true });
  });

  it('the new admin signs in, is made to change the password, then signs in with the new one', async () => {
    await signIn(admin, 'mic.admin2', oneTimePassword);
    await admin.getByRole('heading', { name: 'Đổi mật khẩu tạm thời' }).waitFor();
    expect(await admin.getByRole('navigation', { name: 'Điều hướng chính' }).count()).toBe(0);

    await admin.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(oneTimePassword);
    await admin.getByLabel('Mật khẩu mới', { exact: true }).fill(oneTimePassword);
    await admin.getByLabel('Nhập lại mật khẩu mới').fill(oneTimePassword);
    await admin.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    // The registry's rule (a new password differs from the current one), in Vietnamese from the one table.
    await admin.getByRole('alert').filter({ hasText: 'Thông tin chưa đúng yêu cầu' }).waitFor();

    await admin.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await admin.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await admin.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await admin.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    await signOut(admin);

    await admin.getByLabel('Tên đăng nhập', { exact: true }).fill('mic.admin2');
    await admin.getByLabel('Mật khẩu', { exact: true }).fill(oneTimePassword);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor();

    await signIn(admin, 'mic.admin2', NEW_PASSWORD);
    await admin.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    expect(await admin.getByRole('heading', { name: 'Đổi mật khẩu tạm thời' }).count()).toBe(0);
    // An agency admin sees its own organization's admins only.
    await nav(admin, 'Người dùng');
    const rows = admin.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'mic.admin2' }).waitFor();
    expect(await rows.filter({ hasText: 'auditor' }).count()).toBe(0);
    expect(await rows.filter({ hasText: ROOT.username }).count()).toBe(0);
  });

  it('a regulator disables the admin, with confirmation; the admin’s next action lands on the sign-in page', async () => {
    await regulator.getByRole('button', { name: 'Vô hiệu hóa mic.admin2' }).click();
    const confirm = regulator.getByRole('dialog', { name: /Vô hiệu hóa tài khoản: mic\.admin2/ });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await regulator.getByRole('status').filter({ hasText: 'Đã vô hiệu hóa tài khoản mic.admin2' }).waitFor();
    await regulator.getByRole('row', { name: /mic\.admin2.*Vô hiệu/ }).waitFor();

    await nav(admin, 'Đổi mật khẩu'); // no API call: still shown
    await nav(admin, 'Người dùng'); // the API answers 401 at once: the console signs out
    await admin.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await admin.getByText('Phiên làm việc đã hết hạn').waitFor();
  });

  it('a regulator creates a regulator with a two-part enrollment code: the first half, shown once; its creator may not approve it', async () => {
    await regulator.bringToFront();
    await nav(regulator, 'Người dùng');
    await regulator.getByLabel('Tên đăng nhập của người mới').fill('reg3');
    await regulator.getByLabel('Vai trò').selectOption({ label: 'Cán bộ quản lý' });
    await expect(regulator.getByRole('radio', { name: /^Mã kích hoạt hai phần/ }).isChecked()).resolves.toBe(true); // the default
    await regulator.getByRole('button', { name: 'Tạo tài khoản' }).click();

    const dialog = regulator.getByRole('dialog', { name: 'Nửa thứ nhất của mã kích hoạt cho reg3' });
    await dialog.waitFor();
    code.first = (await dialog.getByTestId('enrollment-code').textContent())!.trim();
    expect(code.first.length).toBeGreaterThanOrEqual(16);
    const explained = (await dialog.textContent())!;
    expect(explained).toContain('cần cả hai nửa');
    expect(explained).toContain('/console/kich-hoat');
    expect(explained).toContain('một lần');
    await regulator.keyboard.press('Escape'); // it stays: the half is shown once
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Tôi đã sao chép nửa mã' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = regulator.getByRole('row', { name: /reg3.*Cán bộ quản lý.*Chờ duyệt · mã kích hoạt hai phần, chờ phê duyệt/ });
    await row.waitFor();
    // Root created it: the registry refuses root the approval; the reason stands beside the disabled button.
    const approve = row.getByRole('button', { name: 'Phê duyệt tài khoản reg3' });
    await expect(approve.isDisabled()).resolves.toBe(true);
    const why = row.getByTestId('four-eyes');
    await expect(why.textContent()).resolves.toBe(
      'Cần một cán bộ khác phê duyệt: chính bạn đã tham gia việc này (gửi, sửa, tạm ngưng, yêu cầu khôi phục, mời hoặc thẩm định).',
    );
    await expect(approve.getAttribute('aria-describedby')).resolves.toBe(await why.getAttribute('id'));
    const listed = (await (await h.as(ROOT.username)).get('/v1/users').expect(200)).body.find(
      (u: { username: string }) => u.username === 'reg3',
    );
    expect(listed).toMatchObject({
      status: 'pending',
      enrollment: 'awaiting_approval',
      fourEyes: { allowed: false, code: 'FOUR_EYES_REQUIRED', rule: 'same_account' },
    });
    // The README's screenshot: written when missing or with UPDATE_SCREENSHOTS=1, so test runs leave git clean.
    if (!existsSync(README_SHOT) || process.env.UPDATE_SCREENSHOTS === '1') await regulator.screenshot({ path: README_SHOT });
    await regulator.screenshot({ path: join(ARTIFACTS, 'users-enrollment-created.png'), fullPage: true });
  });

  it('another regulator approves it and gets the second half, shown once the same way', async () => {
    const reg2 = await browser.context.newPage();
    reg2.setDefaultTimeout(10_000);
    try {
      await signIn(reg2, 'reg2', 'reg2-password-123');
      await nav(reg2, 'Người dùng');
      const row = reg2.getByRole('row', { name: /reg3.*Chờ duyệt/ });
      await row.waitFor();
      await expect(row.getByTestId('four-eyes').count()).resolves.toBe(0);
      await row.getByRole('button', { name: 'Phê duyệt tài khoản reg3' }).click();
      const dialog = reg2.getByRole('dialog', { name: 'Nửa thứ hai của mã kích hoạt cho reg3' });
      await dialog.waitFor();
      code.second = (await dialog.getByTestId('enrollment-code').textContent())!.trim();
      expect(code.second.length).toBeGreaterThanOrEqual(16);
      expect(code.second).not.toBe(code.first);
      await expect(dialog.textContent()).resolves.toContain('cần cả hai nửa');
      await reg2.keyboard.press('Escape');
      expect(await dialog.isVisible()).toBe(true);
      await reg2.screenshot({ path: join(ARTIFACTS, 'users-enrollment-second-half.png'), fullPage: true });
      await dialog.getByRole('button', { name: 'Tôi đã sao chép nửa mã' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await reg2.getByRole('row', { name: /reg3.*Hoạt động · chờ người dùng kích hoạt bằng mã hai phần/ }).waitFor();
    } finally {
      await reg2.close();
    }
  });

  it('the holder enrolls on the public page linked from sign-in (phone width), is signed in, and signs in again later', async () => {
    const holder = await browser.context.newPage();
    holder.setDefaultTimeout(10_000);
    await holder.setViewportSize({ width: 390, height: 844 });
    try {
      await holder.bringToFront();
      await holder.goto(`${base}/console/`);
      await holder.getByRole('link', { name: 'Kích hoạt tài khoản' }).click();
      await holder.getByRole('heading', { name: 'Kích hoạt tài khoản' }).waitFor();
      expect(new URL(holder.url()).pathname).toBe('/console/kich-hoat');
      const fill = async (second: string, again: string) => {
        await holder.getByLabel('Tên đăng nhập').fill('reg3');
        await holder.getByLabel('Nửa thứ nhất của mã (từ người tạo tài khoản)').fill(code.first);
        await holder.getByLabel('Nửa thứ hai của mã (từ người phê duyệt)').fill(second);
        await holder.getByLabel('Mật khẩu mới', { exact: true }).fill(REG3_PASSWORD);
        await holder.getByLabel('Nhập lại mật khẩu mới').fill(again);
        await holder.getByRole('button', { name: 'Kích hoạt và đăng nhập' }).click();
      };
      // The two passwords differ: said before anything is sent.
      await fill(code.second, `${REG3_PASSWORD}x`);
      await holder.getByRole('alert').filter({ hasText: 'Hai lần nhập mật khẩu mới không khớp nhau.' }).waitFor();
      // One half is not enough: the first half twice is refused like a wrong password, in Vietnamese.
      await fill(code.first, REG3_PASSWORD);
      await holder.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mã kích hoạt' }).waitFor();
      const width = await holder.evaluate('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(390);
      await holder.screenshot({ path: join(ARTIFACTS, 'enroll-390.png'), fullPage: true });

      await fill(code.second, REG3_PASSWORD);
      await holder.getByRole('button', { name: 'Đăng xuất' }).waitFor();
      await holder.getByRole('heading', { name: 'Hàng chờ duyệt' }).waitFor();
      await expect(holder.locator('.userbox').textContent()).resolves.toContain('reg3');
      await signOut(holder);
      await signIn(holder, 'reg3', REG3_PASSWORD);
      await holder.getByRole('heading', { name: 'Hàng chờ duyệt' }).waitFor();
    } finally {
      await holder.close();
    }
    // Used up: the same halves no longer work.
    await h
      .http()
      .post('/v1/auth/enroll')
      .send({ username: 'reg3', firstCode: code.first, secondCode: code.second, newPassword: 'mot-mat-khau-khac-2026' })
      .expect(401);
  });
});
