/**
 * The local console in a real browser (Debian chromium): public query with the API key, a field the key
 * may not reach, sign-in and `me`, a subscription in one page receiving a move made from a second page,
 * and the move's SMS, game and log line in the console's panels. The fixture API (not Nim) opens too,
 * with the auth modes and tables of its own description.
 * TURNBASE_SCREENSHOT=<file.png> saves a picture of the console for the README.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningEngine } from '../../local/index.js';
import { createGame, registerPlayer, startGameEngine, uniqueName, type Player } from '../game/support.js';
import { consoleAssets } from '../../local/console/build.js';
import { startTestEngine } from '../support/engine.js';
import { launchChromium, openPage } from './chromium.js';

let browser: Browser;

const WATCH = `subscription Watch($g: ID!) {
  onMove(gameId: $g) {
    gameId
    version
    lastMove { player heap count }
  }
}`;
const MOVE = 'mutation Move($gameId: ID!, $heap: Int!, $count: Int!) { makeMove(gameId: $gameId, heap: $heap, count: $count) { gameId version lastMove { player heap count } } }';

beforeAll(async () => {
  // The first request would build the assets; build them here, so page loads stay within their timeouts.
  await consoleAssets();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * The console with an operation in its editor (the console reads `query` and `variables` from its URL): loaded again in
 * `target` if it is a page, else in a new page of `target` or of a new context. Pages of one context share the browser's
 * cache, so Chromium compiles the console's code once, not once per page (3 to 5 s of its CPU time each).
 */
async function openConsole(engine: RunningEngine, query: string, variables: Record<string, unknown> = {}, target?: Page | BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const url = `${engine.url}/?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`;
  let opened: { page: Page; consoleErrors: string[] };
  if (target && 'goto' in target) {
    await target.goto(url);
    opened = { page: target, consoleErrors: [] };
  } else {
    opened = await openPage(target ?? (await browser.newContext({ viewport: { width: 1400, height: 900 } })), url);
  }
  // The editor is ready once Monaco has rendered the query.
  await opened.page.locator('.graphiql-query-editor .view-lines').first().waitFor({ timeout: 60_000 });
  return { page: opened.page, errors: opened.consoleErrors };
}

/** Text of the response pane, as Monaco renders it (non-breaking spaces made plain). */
async function responseText(page: Page): Promise<string> {
  return ((await page.locator('.graphiql-response').innerText()) ?? '').replace(/\u00a0/g, ' ');
}

async function run(page: Page): Promise<void> {
  await page.locator('.graphiql-execute-button').click();
}

async function waitForResponse(page: Page, expected: string | RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await responseText(page);
    if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
    await page.waitForTimeout(200);
  }
  assert.fail(`response pane never showed ${String(expected)}; it shows:\n${text}`);
}

async function chooseMode(page: Page, label: string): Promise<void> {
  await page.getByLabel('auth mode').selectOption({ label });
}

async function signIn(page: Page, player: Player): Promise<void> {
  await chooseMode(page, 'Cognito user pool: sign in');
  await page.getByLabel('username').fill(player.username);
  await page.getByLabel('password').fill(player.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('signed in').getByText(player.username).waitFor();
}

async function openPanel(page: Page, title: string) {
  await page.getByRole('button', { name: `Show ${title}` }).click();
  return page.getByLabel(`${title.toLowerCase()} panel`);
}

describe('console on the game API', () => {
  let engine: RunningEngine;
  let alice: Player;
  let bob: Player;

  beforeAll(async () => {
    engine = await startGameEngine();
    alice = await registerPlayer(engine, uniqueName('alice'));
    bob = await registerPlayer(engine, uniqueName('bob'));
  });

  afterAll(async () => {
    await engine?.close();
  });

  test('queries, sign-in, a live subscription and the panels', async () => {
    // A public query with the API key, which the console prefills.
    const { page: watcher, errors } = await openConsole(engine, 'query Public($u: String!) { getUser(username: $u) { username } }', { u: alice.username });
    // The page loads again below with other operations: the unchanged bundle is revalidated (304) instead of being sent and
    // compiled again (Chromium may still fetch it whole the first time it loads again).
    const scriptStatuses: number[] = [];
    watcher.on('response', (response) => response.url().endsWith('/console/assets/console.js') && scriptStatuses.push(response.status()));
    await chooseMode(watcher, 'API key');
    assert.equal(await watcher.getByLabel('API key').inputValue(), engine.apiKey);
    await run(watcher);
    await waitForResponse(watcher, `"username": "${alice.username}"`);

    // `me` is for signed-in players only: the API key gets AppSync's field error.
    await openConsole(engine, 'query { me { username } }', {}, watcher);
    await chooseMode(watcher, 'API key');
    await run(watcher);
    await waitForResponse(watcher, 'Not Authorized to access me on type Query');

    await signIn(watcher, alice);
    await run(watcher);
    await waitForResponse(watcher, `"username": "${alice.username}"`);

    // A game between the two; whoever has the turn moves from a second page while the other watches.
    const game = await createGame(alice, bob.username, [3, 4, 5]);
    const [mover, watching] = game.turn === bob.username ? [bob, alice] : [alice, bob];
    if (watching !== alice) await watcher.getByRole('button', { name: 'Sign out' }).click();
    await openConsole(engine, WATCH, { g: game.gameId }, watcher);
    if (watching !== alice) await signIn(watcher, watching);
    else await watcher.getByLabel('signed in').getByText(alice.username).waitFor();
    await run(watcher);
    await waitForResponse(watcher, 'start_ack');

    // Notifications are sent asynchronously (Lambda Event invocations): settle them before each look at the outbox.
    await engine.settled();
    const outboxBefore = (await (await fetch(engine.outboxUrl)).json()) as Array<{ id: string }>;
    // AppSync sends subscribers what the mutation selected, so the move selects what the watcher does. The second page
    // signs in on its own: the console keeps its sign-in per page (sessionStorage).
    const { page: player } = await openConsole(engine, MOVE, { gameId: game.gameId, heap: 2, count: 3 }, watcher.context());
    await signIn(player, mover);
    await run(player);
    await waitForResponse(player, '"makeMove"');
    // The watcher's tab is behind the player's: Chromium gives a hidden tab no animation frames, and every click waits for
    // two of them (playwright's stability check), so each later step on the watcher would take a second or more.
    await watcher.bringToFront();

    const frame = await waitForResponse(watcher, `"player": "${mover.username}"`);
    assert.match(frame, /"onMove"/);
    assert.match(frame, /"heap": 2/);
    assert.match(frame, /"count": 3/);

    // The move's SMS, live in the outbox panel.
    await engine.settled();
    const outboxAfter = (await (await fetch(engine.outboxUrl)).json()) as Array<{ id: string; phoneNumber?: string; message: string }>;
    const sms = outboxAfter.filter((m) => m.phoneNumber && !outboxBefore.some((b) => b.id === m.id));
    assert.ok(sms.length > 0, 'the move sends an SMS');
    const outbox = await openPanel(watcher, 'Outbox');
    for (const message of sms) await outbox.getByText(message.message).first().waitFor();

    // The game item, read by key in the data panel.
    const data = await openPanel(watcher, 'Data');
    await data.getByLabel('table').selectOption('games');
    await data.getByLabel('partition key').fill(game.gameId);
    await data.getByRole('button', { name: 'Query' }).click();
    await data.getByText(`"gameId": "${game.gameId}"`).waitFor();
    await data.getByText(`"player2": "${bob.username}"`).waitFor();

    // A request with a wrong key: the 401 in the response pane and in the log panel.
    await openConsole(engine, 'query { me { username } }', {}, watcher);
    await chooseMode(watcher, 'API key');
    await watcher.getByLabel('API key').fill('da2-not-a-key');
    await run(watcher);
    await waitForResponse(watcher, 'UnauthorizedException');
    const log = await openPanel(watcher, 'Log');
    await log.getByText(/mutation · Move · 200/).first().waitFor();
    // The log says why the engine answered 401, which the caller is not told.
    await log.getByText(/401 · .*unknown API key/).first().waitFor();

    assert.ok(scriptStatuses.includes(304), `console.js on each reload: ${scriptStatuses.join(', ')}`);

    if (process.env.TURNBASE_SCREENSHOT) {
      await chooseMode(watcher, 'Cognito user pool: sign in');
      await openConsole(engine, WATCH, { g: game.gameId }, watcher);
      await run(watcher);
      await waitForResponse(watcher, 'start_ack');
      // Now the watcher has the turn: its own move arrives on its subscription too.
      await watching.gql(MOVE, { gameId: game.gameId, heap: 1, count: 1 });
      await waitForResponse(watcher, `"player": "${watching.username}"`);
      await openPanel(watcher, 'Outbox');
      await watcher.waitForTimeout(1500);
      await watcher.screenshot({ path: process.env.TURNBASE_SCREENSHOT });
    }
    assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
    // Two browser pages, an engine and Monaco on a shared machine: many steps, each waiting on the last.
  }, 240_000);
});

describe('console on the fixture API', () => {
  let engine: RunningEngine;

  beforeAll(async () => {
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine?.close();
  });

  test('offers its own auth modes and tables', async () => {
    const { page, errors } = await openConsole(engine, 'query Echo($m: String!) { echo(message: $m) }', { m: 'from the console' });
    const modes = await page.getByLabel('auth mode').locator('option').allTextContents();
    assert.deepEqual(modes, ['Cognito user pool: sign in', 'Cognito user pool: paste a token', 'API key']);
    await chooseMode(page, 'API key');
    await run(page);
    await waitForResponse(page, '"echo"');

    // A pasted token that is not one: AppSync's 401.
    await chooseMode(page, 'Cognito user pool: paste a token');
    await page.getByLabel('token').fill('not-a-token');
    await run(page);
    await waitForResponse(page, 'UnauthorizedException');

    const data = await openPanel(page, 'Data');
    assert.deepEqual(await data.getByLabel('table').locator('option').allTextContents(), ['books']);
    await data.getByRole('button', { name: 'Scan' }).click();
    await data.getByText('0 item(s)').waitFor();
    assert.deepEqual(errors.filter((e) => !/status of 401/.test(e)), []);
  });
});
