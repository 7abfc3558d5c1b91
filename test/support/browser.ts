import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const REPO = resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser suites need Debian's Chromium, which .ci/run installs. On a machine with only Node.js and npm (the
 * README's `npm ci && npm test`) they are skipped with a notice rather than failing; under CI never.
 */
export const BROWSER = existsSync(CHROMIUM);
if (!BROWSER && process.env.CI) throw new Error(`No Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install chromium)`);
if (!BROWSER) console.warn(`Console browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
export const describeInBrowser = BROWSER ? describe : describe.skip;

/** The console's build, made once if a test runs before `npm run build`. */
export function ensureConsoleBuilt(): void {
  if (!existsSync(join(REPO, 'dist/console/index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'apps/console/vite.config.ts'], { cwd: REPO, stdio: 'inherit' });
  }
}

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Debian Chromium on a fresh profile, as the machine's probe starts it (no background networking). */
export async function launchConsoleBrowser(extraArgs: string[] = []): Promise<ConsoleBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A screenshot the README shows (apps/console/screenshots/<name>.png): written when missing or with
 * UPDATE_SCREENSHOTS=1, so ordinary test runs leave the checkout clean.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const path = join(REPO, 'apps/console/screenshots', `${name}.png`);
  if (existsSync(path) && process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.screenshot({ path });
}
