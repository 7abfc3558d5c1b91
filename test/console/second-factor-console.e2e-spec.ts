import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { totpCode } from '../../apps/registry/src/second-factor/totp';
import { withEnv } from '../hardening/hardening-support';
import { BROWSER, ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * The second factor in the console, in a real browser against a registry with SECOND_FACTOR=required (as in
 * production): a regulator without one signs in only as far as "Bật xác thực hai bước" (a QR code of its otpauth
 * URL, the secret as text, ten recovery codes shown once), confirms with the code its app would show, and reaches
 * the console; from then on the sign-in asks for the code (a wrong or spent one is refused with one sentence), and a
 * recovery code signs in once. An agency admin (not required to) turns one on from the password page; a regulator
 * asks to reset it on Người dùng, may not approve its own request (the registry's verdict beside the button), and a
 * second regulator approves: the admin signs in without a code again.
 */

jest.setTimeout(90_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
const WRONG_CODE = 'Mã xác thực không đúng hoặc đã dùng.';
const STEP_MS = 30_000;

let h: RegistryHarness;
let base: string;
let browser: ConsoleBrowser;
let page: Page;
/** Every refusal the console met on the way: the enrolment token reaches only me, enroll and confirm. */
const refusals: string[] = [];
let secret: string;
let recoveryCodes: string[];
/** The step of the code that confirmed the factor (spent: the registry takes each step's code once). */
let confirmedStep: number;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** A 6-digit code no step near now has (the registry takes one step of drift either way). */
function wrongCode(now = Date.now()): string {
  const near = [-1, 0, 1].map((d) => totpCode(secret, now + d * STEP_MS));
  for (let n = 0; ; n++) {
    const candidate = String((Number(near[1]) + 500_000 + n) % 1_000_000).padStart(6, '0');
    if (!near.includes(candidate)) return candidate;
  }
}

async function fillCredentials() {
  await page.goto(`${base}/console/`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(ROOT.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(ROOT.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** The code field the sign-in shows once the registry asks for one: types `code` and signs in. */
async function submitCode(code: string) {
  const field = page.getByLabel('Mã xác thực', { exact: true });
  await field.fill(code);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function expectConsole() {
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  await page.getByRole('heading', { name: 'Hàng chờ duyệt', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/queue');
}

/**
 * Signs in as `username`, with `code` (else the code the harness's copy of its factor gives) when the sign-in asks
 * for one.
 */
async function signInAs(username: string, password = `${username}-password-123`, code?: string) {
  await page.goto(`${base}/console/`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const field = page.getByLabel('Mã xác thực', { exact: true });
  await field
    .or(page.getByRole('button', { name: 'Đăng xuất' }))
    .first()
    .waitFor();
  if (await field.isVisible()) await submitCode(code ?? h.secondFactorCode(username)!);
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

const nav = (name: string) => page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name }).click();

async function signOut() {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await withEnv({ SECOND_FACTOR: 'required' }, () => RegistryHarness.start());
  await h.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(h.app.getHttpServer().address() as { port: number }).port}`;
  if (!BROWSER) return;
  browser = await launchConsoleBrowser();
  ({ page } = browser);
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/v1/auth/login') && !r.url().endsWith('/v1/auth/totp/confirm')) {
      refusals.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    }
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describeInBrowser('the second factor in the console', () => {
  it('a regulator without one lands on the enrolment: QR code, secret, recovery codes; a wrong first code is refused', async () => {
    await fillCredentials();
    await page.getByRole('heading', { name: 'Bật xác thực hai bước' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/xac-thuc-hai-buoc');
    await page.getByRole('status').filter({ hasText: 'phải bật xác thực hai bước' }).waitFor();

    // The QR code is drawn (a PNG the browser decoded), with words for those who cannot see it.
    const qr = page.getByRole('img', { name: 'Mã QR để thêm tài khoản này vào ứng dụng xác thực' });
    await qr.waitFor();
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await page.waitForFunction(
      `(() => { const img = document.querySelector('img.qr'); return img && img.complete && img.naturalWidth > 0; })()`,
    );
    await expect(page.evaluate(`document.querySelector('img.qr').naturalWidth`)).resolves.toBeGreaterThan(100);

    // The secret as text (grouped by four for typing), the one the registry enrolled.
    const shown = (await page.getByTestId('totp-secret').textContent())!;
    expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    secret = shown.replace(/\s/g, '');

    // Ten recovery codes, with the warning that they show only now.
    const codes = page.getByRole('list', { name: 'Mã khôi phục' }).getByRole('listitem');
    recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(recoveryCodes).size).toBe(10);
    await expect(page.getByRole('note').textContent()).resolves.toContain('chỉ hiện một lần');
    await shot('second-factor-01-enrol');

    // Confirming waits for the codes to be stored; a wrong first code is said in words, and confirms nothing.
    const confirm = page.getByRole('button', { name: 'Xác nhận và bật' });
    await page.getByLabel('Mã xác thực', { exact: true }).fill(wrongCode());
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByLabel('Tôi đã lưu các mã khôi phục ở nơi an toàn').check();
    await confirm.click();
    await page.getByRole('alert').filter({ hasText: 'Mã xác thực không đúng' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Bật xác thực hai bước' }).isVisible()).resolves.toBe(true);
    // The field says what the app gives: digits, one-time.
    const field = page.getByLabel('Mã xác thực', { exact: true });
    await expect(field.getAttribute('inputmode')).resolves.toBe('numeric');
    await expect(field.getAttribute('autocomplete')).resolves.toBe('one-time-code');
  });

  it('confirms with the code the app would show, and reaches the console; nothing else was asked of the enrolment token', async () => {
    const now = Date.now();
    confirmedStep = Math.floor(now / STEP_MS);
    await page.getByLabel('Mã xác thực', { exact: true }).fill(totpCode(secret, now));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await expectConsole();
    // The full token works: the queue loaded (it answers 403 SECOND_FACTOR_ENROLLMENT_REQUIRED to an enrolment token).
    await page.getByText('Không có mục nào chờ duyệt.').waitFor();
    expect(refusals).toEqual([]);

    const me = (await page.evaluate(`JSON.parse(sessionStorage.getItem('vbr.console.session'))`)) as {
      token: string;
      me: Record<string, unknown>;
    };
    expect(me.me).toEqual(
      expect.objectContaining({ username: ROOT.username, secondFactorEnrollmentRequired: false, secondFactorEnrolled: true }),
    );
    // From here the harness drives the same factor (one code per 30-second step).
    h.adoptSecondFactor(ROOT.username, secret, confirmedStep, me.token);
    await shot('second-factor-02-confirmed');
    await signOut();
  });

  it('asks for the code at the next sign-in; a wrong or spent code is one refusal; the right one signs in', async () => {
    await fillCredentials();
    const field = page.getByLabel('Mã xác thực', { exact: true });
    await field.waitFor();
    await page.getByRole('status').filter({ hasText: 'bật xác thực hai bước' }).waitFor();
    await expect(page.getByText('hoặc một mã khôi phục').isVisible()).resolves.toBe(true);
    await expect(field.getAttribute('inputmode')).resolves.toBe('numeric');
    await expect(field.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('');
    await shot('second-factor-03-code-asked');

    await submitCode(wrongCode());
    await page.getByRole('alert').filter({ hasText: WRONG_CODE }).waitFor();
    await expect(field.inputValue()).resolves.toBe(''); // cleared for the next try

    // The code that confirmed the factor was spent: the same sentence, not another one.
    await submitCode(totpCode(secret, confirmedStep * STEP_MS));
    await page.getByRole('alert').filter({ hasText: WRONG_CODE }).waitFor();
    await expect(page.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);

    await submitCode(h.secondFactorCode(ROOT.username)!);
    await expectConsole();
    await signOut();
  });

  it('a recovery code signs in once', async () => {
    await fillCredentials();
    await submitCode(recoveryCodes[3].toUpperCase()); // typed as read: case does not matter
    await expectConsole();
    await signOut();

    await fillCredentials();
    await page.getByLabel('Mã xác thực', { exact: true }).waitFor();
    await submitCode(recoveryCodes[3]);
    await page.getByRole('alert').filter({ hasText: WRONG_CODE }).waitFor();
    await expect(page.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);

    // Another one still works.
    await submitCode(recoveryCodes[4]);
    await expectConsole();
    expect(refusals).toEqual([]);
  });
});

describeInBrowser('a second factor by choice, and its reset', () => {
  let micAdminId: string;

  beforeAll(async () => {
    await h.createUser('reg2', 'regulator'); // the harness enrols its factor, as the registry requires
    const mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    micAdminId = await h.createUser('mic.admin', 'agency_admin', mic);
    await signOut();
  });

  it('an agency admin (not required to) turns one on from the password page, and is asked for a code from then on', async () => {
    await signInAs('mic.admin');
    await nav('Đổi mật khẩu');
    const status = page.getByRole('region', { name: 'Xác thực hai bước' });
    await status.getByText('Chưa bật.').waitFor();
    await status.getByRole('link', { name: 'Bật xác thực hai bước' }).click();
    await page.getByRole('heading', { name: 'Bật xác thực hai bước' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/xac-thuc-hai-buoc');
    await page.getByRole('button', { name: 'Bắt đầu thiết lập' }).click();

    const adminSecret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    await page.getByRole('img', { name: 'Mã QR để thêm tài khoản này vào ứng dụng xác thực' }).waitFor();
    await expect(page.getByRole('list', { name: 'Mã khôi phục' }).getByRole('listitem').count()).resolves.toBe(10);
    await page.getByLabel('Tôi đã lưu các mã khôi phục ở nơi an toàn').check();
    const now = Date.now();
    await page.getByLabel('Mã xác thực', { exact: true }).fill(totpCode(adminSecret, now));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    // The session carries on with the new token (the old one stopped): the page says so from a fresh /me.
    await page.getByRole('status').filter({ hasText: 'Tài khoản của bạn đã bật xác thực hai bước' }).waitFor();
    await nav('Đổi mật khẩu');
    await status.getByText('Đã bật').waitFor();
    await expect(status.getByRole('link', { name: 'Bật xác thực hai bước' }).count()).resolves.toBe(0);
    const session = (await page.evaluate(`JSON.parse(sessionStorage.getItem('vbr.console.session'))`)) as { token: string };
    h.adoptSecondFactor('mic.admin', adminSecret, Math.floor(now / STEP_MS), session.token);
    await signOut();

    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('mic.admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mic.admin-password-123');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await submitCode(h.secondFactorCode('mic.admin')!);
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    expect(refusals).toEqual([]);
    await signOut();
  });

  it('a regulator asks to reset it and may not approve its own request; a second regulator approves', async () => {
    // Root's codes of this half-minute may be spent already (one a step, one step of drift): a recovery code.
    await signInAs(ROOT.username, ROOT.password, recoveryCodes[5]);
    await nav('Người dùng');
    const row = page.getByRole('row', { name: /mic\.admin/ });
    await row.getByRole('cell', { name: 'Đã bật', exact: true }).waitFor();
    await row.getByRole('button', { name: 'Đặt lại xác thực hai bước mic.admin', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Đặt lại xác thực hai bước: mic.admin' });
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Yêu cầu đặt lại xác thực hai bước của mic.admin chờ một cán bộ khác phê duyệt.' })
      .waitFor();
    await row.getByText('chờ duyệt đặt lại (yêu cầu: root (bạn))').waitFor();
    const approve = row.getByRole('button', { name: 'Duyệt đặt lại xác thực hai bước mic.admin' });
    await expect(approve.isDisabled()).resolves.toBe(true);
    await expect(row.getByTestId('four-eyes').textContent()).resolves.toMatch(/\S/);
    await expect(row.getByRole('button', { name: 'Đặt lại xác thực hai bước mic.admin', exact: true }).count()).resolves.toBe(0);
    await shot('second-factor-04-reset-requested');
    await signOut();

    await signInAs('reg2');
    await nav('Người dùng');
    await row.getByText('chờ duyệt đặt lại (yêu cầu: root)').waitFor();
    await expect(approve.isEnabled()).resolves.toBe(true);
    await approve.click();
    await page.getByRole('status').filter({ hasText: 'Đã đặt lại xác thực hai bước của mic.admin' }).waitFor();
    await row.getByRole('cell', { name: 'Chưa bật', exact: true }).waitFor();
    const factors = await (await h.as('reg2')).get('/v1/users/second-factors').expect(200);
    expect(factors.body.find((f: { userId: string }) => f.userId === micAdminId)).toEqual(
      expect.objectContaining({ enrolled: false, resetRequestedBy: null }),
    );
    await signOut();

    // The admin's factor is gone: no code is asked (an agency admin need not have one).
    h.forgetSecondFactor('mic.admin');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('mic.admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('mic.admin-password-123');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await expect(page.getByLabel('Mã xác thực', { exact: true }).count()).resolves.toBe(0);
    expect(refusals).toEqual([]);
  });
});
