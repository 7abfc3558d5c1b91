import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FOUR_EYES_RULE_TEXT } from '@app/domain';
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
 * Issue 25 in a real browser: the "Tên được bảo vệ" page. A regulator proposes a new protected name; approving it
 * is refused to that regulator (the registry's four-eyes verdict, the reason beside the disabled button) and the
 * proposer may withdraw it instead; a second regulator approves it and finds it by a search typed without
 * diacritics. A bank that then applies with that name reads the refusal in Vietnamese, naming the term.
 */

jest.setTimeout(60_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
// Not in the seed (Coast Guard is the Ministry of Defence's): a term only a reviewed proposal puts in force.
const TERM = 'Cảnh sát biển';
const SUBJECT = `Thêm tên “${TERM}”`;
let h: RegistryHarness;
let base: string;
let browser: ConsoleBrowser;
let page: Page;
let invitationToken: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

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

async function openPage() {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tên được bảo vệ' }).click();
  await page.getByRole('heading', { name: 'Tên được bảo vệ', level: 1 }).waitFor();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await RegistryHarness.start();
  await h.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(h.app.getHttpServer().address() as { port: number }).port}`;
  await h.createUser('reg2', 'regulator');
  const root = await h.as(ROOT.username);
  await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
  const invitation = await root
    .post('/v1/invitations')
    .send({ organizationCode: 'NHABC', organizationName: 'Ngân hàng TMCP ABC', kind: 'bank' })
    .expect(201);
  invitationToken = invitation.body.token;
  if (BROWSER) ({ page } = browser = await launchConsoleBrowser());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describeInBrowser('the protected-name list in a browser', () => {
  it('a regulator proposes a name: the list is unchanged, and approving it is refused to the proposer, with the reason', async () => {
    await signIn(ROOT.username, ROOT.password);
    await openPage();
    const form = page.locator('form.proposal-form');
    await form.getByLabel('Tên', { exact: true }).fill(TERM);
    await form.getByLabel('Cách viết khác').fill('CSB\nCảnh sát biển Việt Nam');
    await form.getByRole('checkbox', { name: 'Bộ, cơ quan ngang bộ' }).check();
    await form.getByLabel('Nguồn', { exact: true }).fill('Luật Cảnh sát biển Việt Nam 2018, Điều 3');
    await form.getByLabel('Lý do đề xuất').fill('Nhiều cuộc gọi mạo danh cảnh sát biển');
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/protected-names/proposals') && r.method() === 'POST');
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
    expect((await sent).postDataJSON()).toEqual({
      action: 'add',
      term: TERM,
      spellings: ['CSB', 'Cảnh sát biển Việt Nam'],
      kinds: ['ministry'],
      source: 'Luật Cảnh sát biển Việt Nam 2018, Điều 3',
      reason: 'Nhiều cuộc gọi mạo danh cảnh sát biển',
    });
    await page
      .getByRole('status')
      .filter({ hasText: `Đã gửi đề xuất: ${SUBJECT}. Danh sách chỉ thay đổi khi một cán bộ khác phê duyệt.` })
      .waitFor();
    const row = page.getByTestId('proposal').filter({ hasText: SUBJECT });
    await row.waitFor();
    for (const text of [
      'CSB, Cảnh sát biển Việt Nam',
      'Bộ, cơ quan ngang bộ',
      'Luật Cảnh sát biển Việt Nam 2018',
      'Nhiều cuộc gọi mạo danh',
      'root',
    ]) {
      await expect(row.textContent()).resolves.toContain(text);
    }
    // The registry's verdict: root proposed it, so root may not approve it; the reason stands beside the button.
    const approve = row.getByRole('button', { name: `Phê duyệt: ${SUBJECT}` });
    await expect(approve.isDisabled()).resolves.toBe(true);
    const why = row.getByTestId('four-eyes');
    await expect(why.textContent()).resolves.toBe(FOUR_EYES_RULE_TEXT.same_account);
    await expect(approve.getAttribute('aria-describedby')).resolves.toBe(await why.getAttribute('id'));
    // The proposer may withdraw it (not reject it).
    await row.getByRole('button', { name: `Rút đề xuất: ${SUBJECT}` }).waitFor();
    await expect(row.getByRole('button', { name: `Từ chối: ${SUBJECT}` }).count()).resolves.toBe(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await readmeScreenshot(page, 'protected-names');
    // Not in force yet: a search finds nothing.
    await page.getByRole('searchbox', { name: 'Tìm tên hoặc cách viết' }).fill('canh sat bien');
    await page
      .getByRole('search', { name: 'Tìm trong danh sách tên được bảo vệ' })
      .getByRole('button', { name: 'Tìm', exact: true })
      .click();
    await page.getByText('0 tên khớp với “canh sat bien”.').waitFor();
    await shot('40-protected-name-proposed');
    const listed = await (await h.as(ROOT.username)).get('/v1/protected-names').query({ q: 'canh sat bien' }).expect(200);
    expect(listed.body).toEqual([]);
    await signOut();
  });

  it('a second regulator approves it; it is then found by a search typed without diacritics', async () => {
    await signIn('reg2', 'reg2-password-123');
    await openPage();
    const row = page.getByTestId('proposal').filter({ hasText: SUBJECT });
    await expect(row.getByTestId('four-eyes').count()).resolves.toBe(0);
    await row.getByRole('button', { name: `Từ chối: ${SUBJECT}` }).waitFor();
    await row.getByRole('button', { name: `Phê duyệt: ${SUBJECT}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã phê duyệt: ${SUBJECT}.` })
      .waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByText('Không có đề xuất nào đang chờ.').waitFor();
    await page.getByRole('searchbox', { name: 'Tìm tên hoặc cách viết' }).fill('canh sat bien');
    await page
      .getByRole('search', { name: 'Tìm trong danh sách tên được bảo vệ' })
      .getByRole('button', { name: 'Tìm', exact: true })
      .click();
    await page.getByText('1 tên khớp với “canh sat bien”.').waitFor();
    const found = page.getByTestId('protected-name').filter({ hasText: TERM });
    await found.waitFor();
    await expect(page.getByTestId('protected-name').count()).resolves.toBe(1);
    const text = await found.textContent();
    for (const t of ['CSB, Cảnh sát biển Việt Nam', 'Bộ, cơ quan ngang bộ', 'Luật Cảnh sát biển Việt Nam 2018, Điều 3'])
      expect(text).toContain(t);
    // By a spelling too.
    await page.getByRole('searchbox', { name: 'Tìm tên hoặc cách viết' }).fill('csb');
    await page
      .getByRole('search', { name: 'Tìm trong danh sách tên được bảo vệ' })
      .getByRole('button', { name: 'Tìm', exact: true })
      .click();
    await page.getByText(/tên khớp với “csb”\./).waitFor();
    await found.waitFor();
    // A change starts from the name as it stands.
    await found.getByRole('button', { name: `Đề xuất sửa: ${TERM}` }).click();
    const form = page.locator('form.proposal-form');
    await form.getByRole('heading', { name: `Đề xuất sửa “${TERM}”` }).waitFor();
    await expect(form.getByLabel('Tên', { exact: true }).inputValue()).resolves.toBe(TERM);
    await expect(form.getByLabel('Cách viết khác').inputValue()).resolves.toBe('CSB\nCảnh sát biển Việt Nam');
    await expect(form.getByRole('checkbox', { name: 'Bộ, cơ quan ngang bộ' }).isChecked()).resolves.toBe(true);
    await form.getByRole('button', { name: 'Hủy, đề xuất thêm tên mới' }).click();
    await form.getByRole('heading', { name: 'Đề xuất thêm tên được bảo vệ' }).waitFor();
    await shot('41-protected-name-approved');
  });

  it('reads at phone width (390 px) with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${base}/console/protected-names`);
      await page.getByTestId('protected-name').first().waitFor();
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect(width).toBe(390);
      await shot('42-protected-names-390');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    await page.goto(`${base}/console/protected-names`);
    await page.getByTestId('protected-name').first().waitFor();
    await signOut();
  });

  it('a bank that applies with the name reads the refusal in Vietnamese, naming the term', async () => {
    await page.goto(`${base}/console/dang-ky?token=${encodeURIComponent(invitationToken)}`);
    await page.getByRole('heading', { name: 'Đăng ký tên định danh thoại' }).waitFor();
    await page.getByLabel('Nhãn (hiển thị trên mọi máy)').fill('NH ABC');
    // Only the approved term's spelling: what refuses it is the reviewed change.
    await page.getByLabel('Tên hiển thị tiếng Việt').fill('Tổng đài CSB');
    await page.getByLabel('Mỗi dòng một số, kèm mã nhà mạng đã cấp số').fill('024 3822 2593, VIETTEL');
    await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await page.getByLabel('Thư điện tử').fill('binh.tran@nhabc.vn');
    await page.getByLabel('Điện thoại').fill('024 3822 2594');
    await page.getByLabel('Tên đăng nhập').fill('nhabc.admin');
    await page.getByLabel('Mật khẩu').fill('nhabc-admin-password-123');
    const answer = page.waitForResponse((r) => r.url().endsWith('/v1/applications') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const body = await (await answer).json();
    expect(body).toMatchObject({
      code: 'RESERVED_NAME',
      details: { term: TERM, spelling: 'CSB', field: 'brandname.displayName' },
    });
    const problems = page.getByTestId('problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain(
      `Tên hiển thị: Tên “Tổng đài CSB” có cụm từ “${TERM}” (viết là “CSB”) dành riêng cho cơ quan nhà nước`,
    );
    await shot('43-bank-application-reserved-name');
    expect(await h.ds.query(`SELECT 1 FROM organizations WHERE code = 'NHABC'`)).toHaveLength(0);
  });
});
