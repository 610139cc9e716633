/**
 * The one way browser tests start a browser: Debian's `chromium` package driven by playwright-core.
 * Browser downloads do not work here, so playwright's own builds are never used; `.ci/run` installs the
 * package. CHROMIUM_PATH points at another Chromium build when the Debian one is elsewhere.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: run "apt-get install -y chromium" (as .ci/run does) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Tests run as root in CI, where Chromium's own sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * A page that fails the test on any uncaught page error and keeps the console's errors for the assertion
 * message, so a broken bundle shows why instead of timing out on a missing element.
 */
export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  await page.goto(url);
  return { page, consoleErrors };
}
