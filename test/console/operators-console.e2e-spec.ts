import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ConsoleBrowser, describeInBrowser, ensureConsoleBuilt, launchConsoleBrowser, readmeScreenshot, REPO } from '../support/browser';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/**
 * Ordinary work of a regulator's operator in a real browser: editing a number's terms while someone else edits
 * it too (409 VERSION_CONFLICT, fresh values shown), a widening and a narrowing of its carriers held as revisions
 * beside the live values (a narrowing says that the removed carriers' calls show no name until it is approved),
 * approved by another regulator on the organization page, phone-width tables, and the console served over plain
 * HTTP on a name other than localhost.
 */

jest.setTimeout(60_000);

const ARTIFACTS = join(REPO, 'test/artifacts/console');
const NUMBER = '+842439437142';
const NATIONAL = '024 3943 7142'; // how the console shows it
const OWN_ITEM = 'Cần một cán bộ khác phê duyệt: chính bạn đã tham gia việc này';

let h: RegistryHarness;
let port: number;
let browser: ConsoleBrowser;
let page: Page;
let orgId: string;
let numberId: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function signIn(p: Page, base: string, username: string, password: string) {
  await p.goto(`${base}/console/`);
  await p.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await p.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await RegistryHarness.start();
  await h.app.listen(0, '127.0.0.1');
  port = (h.app.getHttpServer().address() as { port: number }).port;
  await h.createUser('reg2', 'regulator');
  const root = await h.as(ROOT.username);
  for (const [code, name] of [
    ['MOBIFONE', 'MobiFone'],
    ['VIETTEL', 'Viettel'],
  ]) {
    await root.post('/v1/carriers').send({ code, name }).expect(201);
  }
  orgId = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
  const brand = await h.activeBrandname(orgId, 'BO TTTT', 'Bộ TT&TT');
  const n = await root.post(`/v1/organizations/${orgId}/numbers`).send({ number: '024 3943 7142', brandnameId: brand }).expect(201);
  numberId = n.body.id;
  await (await h.as('reg2')).post(`/v1/numbers/${numberId}/approve`).send({}).expect(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describeInBrowser('an operator in the console', () => {
  beforeAll(async () => {
    browser = await launchConsoleBrowser(['--host-resolver-rules=MAP registry.example.gov.vn 127.0.0.1']);
    page = browser.page;
  });

  it("edits a number's allowed origins; a version conflict shows the fresh values and the retry is held for review", async () => {
    await signIn(page, `http://127.0.0.1:${port}`, ROOT.username, ROOT.password);
    await page.goto(`http://127.0.0.1:${port}/console/organizations/${orgId}`);
    const row = page.getByTestId('number-row').filter({ hasText: NUMBER });
    await expect(row.getByTestId('number-terms').textContent()).resolves.toContain('Nhà mạng: Mọi nhà mạng trong nước');
    await row.getByRole('button', { name: `Sửa: Số ${NATIONAL}` }).click();
    const form = page.getByRole('form', { name: `Sửa số ${NATIONAL}` });
    await form.getByRole('checkbox', { name: 'VIETTEL' }).check();

    // Meanwhile another regulator records the evidence: the version the form read is no longer current.
    const read = (await (await h.as('reg2')).get(`/v1/numbers/${numberId}`).expect(200)).body;
    await (await h.as('reg2')).patch(`/v1/numbers/${numberId}`).send({ version: read.version, evidence: 'Công văn 123/BTTTT' }).expect(200);

    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const conflict = form.getByTestId('conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('Người khác vừa lưu mục này trước bạn');
    await expect(conflict.textContent()).resolves.toContain('Căn cứ: (trống) → Công văn 123/BTTTT');
    // The form starts again from the fresh values: the other person's evidence, and no VIETTEL tick yet.
    await expect(form.getByLabel('Căn cứ').inputValue()).resolves.toBe('Công văn 123/BTTTT');
    await expect(form.getByRole('checkbox', { name: 'VIETTEL' }).isChecked()).resolves.toBe(false);
    await shot('30-number-edit-conflict');

    await form.getByRole('checkbox', { name: 'VIETTEL' }).check();
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    // Every domestic carrier → VIETTEL only is a narrowing: it waits for a second person, like a widening.
    await page
      .getByRole('status')
      .filter({ hasText: `Đã gửi bản sửa số ${NATIONAL}; chờ cán bộ khác duyệt` })
      .waitFor();
    await row.getByTestId('number-terms').filter({ hasText: 'Có bản sửa chờ duyệt' }).waitFor();
    await expect(row.getByTestId('number-terms').textContent()).resolves.toContain(
      'Nhà mạng: Mọi nhà mạng trong nước · Căn cứ: Công văn 123/BTTTT',
    );
    await expect(row.getByTestId('narrowing').textContent()).resolves.toBe(
      'Thu hẹp nhà mạng: cuộc gọi qua các nhà mạng trong nước khác ngoài VIETTEL hiển thị không có tên (không bị chặn) cho đến khi thay đổi này được duyệt; sau khi duyệt mới bị chặn.',
    );
    // Root proposed it: the registry refuses root the approval, said beside the button.
    await expect(row.getByRole('button', { name: `Duyệt thay đổi: Số ${NATIONAL}` }).isDisabled()).resolves.toBe(true);
    await row.getByText(OWN_ITEM).waitFor();
    const saved = (await (await h.as('reg2')).get(`/v1/numbers/${numberId}`).expect(200)).body;
    expect(saved).toMatchObject({
      allowedOrigins: [],
      evidence: 'Công văn 123/BTTTT',
      pendingRevision: { changes: { allowedOrigins: ['VIETTEL'] }, fourEyes: { allowed: true } },
    });
    await (await h.as('reg2')).post(`/v1/numbers/${numberId}/revision/approve`).send({}).expect(200);
  });

  it('a widening waits for a second person, shown beside the live values', async () => {
    await page.reload();
    const row = page.getByTestId('number-row').filter({ hasText: NUMBER });
    await row.getByTestId('number-terms').filter({ hasText: 'Nhà mạng: VIETTEL · Căn cứ: Công văn 123/BTTTT' }).waitFor();
    await row.getByRole('button', { name: `Sửa: Số ${NATIONAL}` }).click();
    const form = page.getByRole('form', { name: `Sửa số ${NATIONAL}` });
    await form.getByRole('checkbox', { name: 'MOBIFONE' }).check();
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'chờ cán bộ khác duyệt' }).waitFor();
    await row.getByTestId('number-terms').filter({ hasText: 'Có bản sửa chờ duyệt' }).waitFor();
    await expect(row.getByTestId('number-terms').textContent()).resolves.toContain('Nhà mạng: VIETTEL ·');
    await row.getByRole('button', { name: `Sửa: Số ${NATIONAL}` }).click();
    const compare = page.getByTestId('revision-compare');
    await compare.waitFor();
    const line = compare.getByRole('row', { name: /Nhà mạng được phép/ });
    await expect(line.textContent()).resolves.toBe('Nhà mạng được phépVIETTELMOBIFONE, VIETTEL');
    await shot('31-number-revision-side-by-side');
    await readmeScreenshot(page, 'number-edit');
    const held = (await (await h.as('reg2')).get(`/v1/numbers/${numberId}`).expect(200)).body;
    expect(held.allowedOrigins).toEqual(['VIETTEL']); // what answers until a second person approves
    expect(held.pendingRevision.changes).toEqual({ allowedOrigins: ['MOBIFONE', 'VIETTEL'] });
    // A widening is no narrowing: nothing to say about calls without a name.
    await expect(row.getByTestId('narrowing').count()).resolves.toBe(0);
    await (await h.as('reg2')).post(`/v1/numbers/${numberId}/revision/approve`).send({}).expect(200);
  });

  it('a narrowing says that calls from the removed carrier show no name until another regulator approves it there', async () => {
    await page.reload();
    const row = page.getByTestId('number-row').filter({ hasText: NUMBER });
    await row.getByTestId('number-terms').filter({ hasText: 'Nhà mạng: MOBIFONE, VIETTEL' }).waitFor();
    await row.getByRole('button', { name: `Sửa: Số ${NATIONAL}` }).click();
    const form = page.getByRole('form', { name: `Sửa số ${NATIONAL}` });
    await form.getByRole('checkbox', { name: 'MOBIFONE' }).uncheck();
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('status').filter({ hasText: 'chờ cán bộ khác duyệt' }).waitFor();
    const narrowing = row.getByTestId('narrowing');
    await expect(narrowing.textContent()).resolves.toBe(
      'Thu hẹp nhà mạng: cuộc gọi qua các nhà mạng bị bớt (MOBIFONE) hiển thị không có tên (không bị chặn) cho đến khi thay đổi này được duyệt; sau khi duyệt mới bị chặn.',
    );
    await expect(row.getByTestId('number-revision').textContent()).resolves.toContain('Nhà mạng được phép: MOBIFONE, VIETTEL → VIETTEL');
    await shot('31b-number-narrowing-held');

    // Another regulator approves it on the organization page: the removed carrier is declined from then on.
    const other = await browser.context.newPage();
    try {
      await signIn(other, `http://127.0.0.1:${port}`, 'reg2', 'reg2-password-123');
      await other.goto(`http://127.0.0.1:${port}/console/organizations/${orgId}`);
      const theirs = other.getByTestId('number-row').filter({ hasText: NUMBER });
      await theirs.getByTestId('narrowing').waitFor();
      const approve = theirs.getByRole('button', { name: `Duyệt thay đổi: Số ${NATIONAL}` });
      await expect(approve.isEnabled()).resolves.toBe(true);
      await expect(theirs.getByTestId('four-eyes').count()).resolves.toBe(0);
      await approve.click();
      await other
        .getByRole('status')
        .filter({ hasText: `Đã duyệt thay đổi: Số ${NATIONAL}` })
        .waitFor();
      await theirs.getByTestId('number-terms').filter({ hasText: 'Nhà mạng: VIETTEL ·' }).waitFor();
      await expect(theirs.getByTestId('narrowing').count()).resolves.toBe(0);
    } finally {
      await other.close();
    }
    const after = (await (await h.as('reg2')).get(`/v1/numbers/${numberId}`).expect(200)).body;
    expect(after).toMatchObject({ allowedOrigins: ['VIETTEL'], pendingRevision: null });
  });

  it('tables read at phone width (390 px): no sideways scrolling', async () => {
    // Root's own pending organization: the queue shows it with the registry's reason beside the disabled button.
    await (await h.as(ROOT.username)).post('/v1/organizations').send({ code: 'MOH', name: 'Bộ Y tế', kind: 'ministry' }).expect(201);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of [
        '/console/organizations',
        `/console/organizations/${orgId}`,
        '/console/audit',
        '/console/queue',
        '/console/users',
      ]) {
        await page.goto(`http://127.0.0.1:${port}${path}`);
        await page.locator('table tbody tr').first().waitFor();
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect({ path, width }).toEqual({ path, width: 390 });
      }
      await shot('32-audit-at-390px');
      await readmeScreenshot(page, 'audit-phone');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('renders over plain HTTP on a name other than localhost (no forced upgrade to https)', async () => {
    const failed: string[] = [];
    const other = await browser.context.newPage();
    other.on('requestfailed', (r) => failed.push(r.url()));
    try {
      const res = await other.goto(`http://registry.example.gov.vn:${port}/`);
      expect(other.url()).toBe(`http://registry.example.gov.vn:${port}/console/`);
      expect(res?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
      await other.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await signIn(other, `http://registry.example.gov.vn:${port}`, 'reg2', 'reg2-password-123');
      expect(failed).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
