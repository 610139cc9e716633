/**
 * What the web app's browser tests share: one engine with the project's description and one Chromium per test
 * file, pages on the app, players registered through the API or signed in through the page, and the optional
 * README screenshots (WEB_SCREENSHOTS=<dir>, `npm run screenshots`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LoginDocument, RegisterDocument, requestData } from '../../client/index.js';
import type { Clock } from '../../local/clock.js';
import type { RunningEngine } from '../../local/index.js';
import { startTestEngine } from '../support/engine.js';
import { launchChromium, openPage } from './chromium.js';

export const password = 'Sup3rsecret';

export interface WebApp {
  engine: RunningEngine;
  newPage(viewport?: { width: number; height: number }, mobile?: boolean): Promise<{ page: Page; consoleErrors: string[] }>;
  /** Registers a player through the API and returns their id token. */
  registerByApi(username: string, phone: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The system clock, until a test moves the engine's time ahead (to pass a turn deadline without waiting); the
 * browser keeps the real time.
 */
export function movableClock(): Clock & { advance(ms: number): void } {
  let ahead = 0;
  return { now: () => Date.now() + ahead, advance: (ms) => (ahead += ms) };
}

export async function startWebApp(prefix: string, clock?: Clock): Promise<WebApp> {
  const engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: false, tablePrefix: `${prefix}${Date.now()}-`, clock });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await engine.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const key = { 'x-api-key': engine.apiKey };
  return {
    engine,
    async newPage(viewport = { width: 1000, height: 800 }, mobile = false) {
      const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
      contexts.push(context);
      const opened = await openPage(context, `${engine.url}/play/`);
      // Set once; still there at the end means the page never reloaded.
      await opened.page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
      return opened;
    },
    async registerByApi(username, phone) {
      await requestData(engine.graphqlUrl, RegisterDocument, { input: { username, password, email: `${username}@example.com`, phoneNumber: phone, height: 60, weight: 120 } }, key);
      const { login } = await requestData(engine.graphqlUrl, LoginDocument, { username, password }, key);
      return login!.idToken;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await engine.close();
    },
  };
}

export const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);

export async function signInOnPage(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('me').waitFor();
}

/** The heaps the board shows, read from the page. */
export const heapsOn = (page: Page) => page.locator('.heap').evaluateAll((heaps) => heaps.map((h) => Number(h.getAttribute('data-size'))));

export async function screenshot(page: Page, name: string): Promise<void> {
  const shots = process.env.WEB_SCREENSHOTS;
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Console errors other than the 400s of requests the API refused on purpose. */
export const unexpected = (consoleErrors: string[]) => consoleErrors.filter((e) => !e.includes('status of 400'));
