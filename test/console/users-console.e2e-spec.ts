import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { BROWSER, ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Người dùng in a real browser: a regulator creates an agency admin (its one-time password in a dialog that
 * waits), who signs in, is made to change it, and signs in again with the new one; disabling that admin in the
 * console ends the admin's open session at its next action. Two tabs, two sessions (sessionStorage is per tab).
 */

jest.setTimeout(90_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
const README_SHOT = join(REPO, 'apps/console/screenshots/users.png');
const NEW_PASSWORD = 'mat-khau-moi-cua-toi-2026';

let h: RegistryHarness;
let base: string;
let browser: ConsoleBrowser;
let regulator: Page;
let admin: Page;
let oneTimePassword: string;

async function signIn(page: Page, username: string, password: string) {
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

    // The README's screenshot: written when missing or with UPDATE_SCREENSHOTS=1, so test runs leave git clean.
    if (!existsSync(README_SHOT) || process.env.UPDATE_SCREENSHOTS === '1') await regulator.screenshot({ path: README_SHOT });
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
});
