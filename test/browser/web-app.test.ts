/**
 * The web app in a real browser (Debian chromium via playwright-core) against `startEngine` with the
 * project's description: registration, a whole game by clicking between two browser contexts that see
 * each other live, the API's messages on a weak password and a wrong move, and a phone-sized screen.
 * With WEB_SCREENSHOTS=<dir> (`npm run screenshots`) the tests save the README's screenshots there.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { CreateGameDocument, GetUserDocument, LoginDocument, MakeMoveDocument, RegisterDocument, ResignDocument, request, requestData } from '../../client/index.js';
import type { RunningEngine } from '../../local/index.js';
import { heapsOn, password, screenshot, startWebApp, stillSamePage, type WebApp } from './web-support.js';

let app: WebApp;
let engine: RunningEngine;
const newPage: WebApp['newPage'] = (...args) => app.newPage(...args);
const registerByApi: WebApp['registerByApi'] = (...args) => app.registerByApi(...args);

async function registerInBrowser(page: Page, username: string, pass: string, phone: string): Promise<void> {
  await page.getByRole('button', { name: 'I am new here' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(pass);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel(/Phone/).fill(phone);
  await page.getByLabel('Character height').fill('70');
  await page.getByLabel('Character weight').fill('160');
  await page.getByRole('button', { name: 'Register' }).click();
}

/** Takes one object: the last object of the first non-empty heap. */
async function takeOne(page: Page, heaps: number[]): Promise<number> {
  const heap = heaps.findIndex((h) => h > 0) + 1;
  await page.getByRole('button', { name: `Take 1 from heap ${heap}` }).click();
  return heap;
}

beforeAll(async () => {
  app = await startWebApp('web');
  engine = app.engine;
});

afterAll(async () => {
  await app?.close();
});

describe('the web app', () => {
  test('a weak password shows the pool policy as typed and the API’s own refusal', { timeout: 120_000 }, async () => {
    const { page, consoleErrors } = await newPage();
    await page.getByRole('button', { name: 'I am new here' }).click();
    await page.getByLabel('Password').fill('weak');
    const rules = page.locator('.policy li');
    assert.deepEqual(await rules.evaluateAll((items) => items.map((i) => i.getAttribute('data-met'))), ['no', 'no', 'yes', 'no']);
    await page.getByLabel('Password').fill('Weakling1');
    assert.deepEqual(await rules.evaluateAll((items) => items.map((i) => i.getAttribute('data-met'))), ['yes', 'yes', 'yes', 'yes']);

    await registerInBrowser(page, 'weakling', 'weak', '+15555550110');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // What the API itself answers for the same input (another name, so the first attempt cannot interfere).
    const direct = await request(engine.graphqlUrl, RegisterDocument, { input: { username: 'weakling2', password: 'weak', email: 'w2@example.com', phoneNumber: '+15555550111', height: 70, weight: 160 } }, { 'x-api-key': engine.apiKey });
    assert.ok(direct.errors?.[0]?.message);
    assert.equal(await alert.textContent(), direct.errors[0].message);
    assert.equal(await alert.getAttribute('data-error-type'), direct.errors[0].errorType);
    await screenshot(page, 'register-weak-password');
    assert.deepEqual(consoleErrors.filter((e) => !e.includes('status of 400')), []);
  });

  test('two players register, invite live, play a whole game by clicking and see each other live', { timeout: 240_000 }, async () => {
    const alice = await newPage();
    const bob = await newPage();
    await registerInBrowser(alice.page, 'alice', password, '+15555550101');
    await registerInBrowser(bob.page, 'bob', password, '+15555550102');
    for (const [player, name] of [[alice, 'alice'], [bob, 'bob']] as const) {
      assert.equal(await player.page.getByTestId('me').textContent(), name);
    }
    // Bob waits in the lobby; the invitation must arrive without a reload once his subscription is up.
    await bob.page.locator('.live[data-live="on"]').waitFor();
    await alice.page.getByLabel('Opponent').fill('bob');
    await alice.page.getByRole('form', { name: 'New game' }).getByLabel(/Heaps/).fill('2 3');
    await alice.page.getByRole('button', { name: 'Invite' }).click();
    const invite = bob.page.getByRole('link', { name: 'Play vs alice' });
    await invite.waitFor();
    await screenshot(bob.page, 'lobby-invitation');
    await invite.click();
    for (const player of [alice, bob]) await player.page.locator('.board .live[data-live="on"]').waitFor();

    // Alice clicks out of turn: the API's NotYourTurn message, exactly.
    const aliceToken = (await requestData(engine.graphqlUrl, LoginDocument, { username: 'alice', password }, { 'x-api-key': engine.apiKey })).login!.idToken;
    const gameId = (await alice.page.locator('.board').evaluate(() => location.hash.split('/')[2]))!;
    const refusal = await request(engine.graphqlUrl, MakeMoveDocument, { gameId, heap: 1, count: 1 }, { authorization: aliceToken });
    await alice.page.getByRole('button', { name: 'Take 1 from heap 1' }).click();
    const alert = alice.page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-error-type'), 'NotYourTurn');
    assert.equal(await alert.textContent(), refusal.errors?.[0]?.message);

    // Bob moves first; each mover clicks, the other sees the heaps change live.
    const byName = { alice, bob };
    let mover: 'alice' | 'bob' = 'bob';
    let heaps = [2, 3];
    let moves = 0;
    for (;;) {
      const watcher: 'alice' | 'bob' = mover === 'alice' ? 'bob' : 'alice';
      await byName[mover].page.getByTestId('turn').getByText('Your turn').waitFor();
      const heap = await takeOne(byName[mover].page, heaps);
      heaps = heaps.map((h, i) => (i === heap - 1 ? h - 1 : h));
      moves += 1;
      await byName[watcher].page.locator(`.board[data-version="${moves + 1}"]`).waitFor();
      assert.deepEqual(await heapsOn(byName[watcher].page), heaps, `move ${moves}: ${watcher} sees the heaps`);
      assert.equal(await byName[watcher].page.locator('[data-testid="moves"] li').count(), moves);
      if (moves === 2) await screenshot(byName[watcher].page, 'board-live');
      if (heaps.every((h) => h === 0)) break;
      mover = watcher;
    }
    // Five single-object moves: bob takes the first, third and fifth, the last object, and loses.
    assert.equal(moves, 5);
    assert.equal(mover, 'bob');
    await alice.page.getByTestId('turn').getByText('You won: bob took the last object.').waitFor();
    await bob.page.getByTestId('turn').getByText('alice won: bob took the last object.').waitFor();

    // The prize both screens show is the item the API gave alice for this win.
    const { getUser } = await requestData(engine.graphqlUrl, GetUserDocument, { username: 'alice' }, { 'x-api-key': engine.apiKey });
    const prizes = getUser!.items.filter((item) => item.source === 'GAME_WON');
    assert.equal(prizes.length, 1);
    const properties = Object.entries(prizes[0].properties).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k} ${v}`).join(', ');
    const described = `${prizes[0].type.toLowerCase()} (${properties})`;
    await alice.page.getByTestId('prize').getByText(`Prize for you: ${described}.`).waitFor();
    await bob.page.getByTestId('prize').getByText(`Prize for alice: ${described}.`).waitFor();
    await screenshot(alice.page, 'board-won');
    await screenshot(bob.page, 'board-lost');

    // Alice's profile lists the prize as won in a game, and her stats count the win.
    await alice.page.getByRole('link', { name: 'Profile' }).click();
    await alice.page.getByTestId('stats').getByText('1 played, 1 won, 0 lost').waitFor();
    const row = alice.page.locator('.inventory tbody tr', { hasText: 'won in a game' });
    assert.equal(await row.count(), 1);
    assert.equal(await row.locator('td').nth(0).textContent(), prizes[0].type.toLowerCase());
    await alice.page.getByRole('button', { name: 'Search for an item' }).click();
    await alice.page.getByText('You found:').waitFor();
    assert.equal(await alice.page.locator('.inventory tbody tr').count(), 2);
    await screenshot(alice.page, 'profile');

    // Bob's lobby: the finished game under the status filter.
    await bob.page.getByRole('link', { name: 'Lobby' }).click();
    await bob.page.getByLabel('Show').selectOption('FINISHED');
    await bob.page.getByTestId('games').getByText('vs alice: alice won').waitFor();
    await bob.page.getByLabel('Show').selectOption('IN_PROGRESS');
    await bob.page.getByText('No games.').waitFor();

    for (const player of [alice, bob]) {
      assert.equal(await stillSamePage(player.page), true, 'the page was never reloaded');
      assert.deepEqual(player.consoleErrors.filter((e) => !e.includes('status of 400')), []);
    }
  });

  test('a phone-sized screen signs in, pages through games, plays by tapping and sees the opponent resign', { timeout: 180_000 }, async () => {
    const carolToken = await registerByApi('carol', '+15555550103');
    const daveToken = await registerByApi('dave', '+15555550104');
    // Seven games, so the lobby (five a page) has two pages; the newest is the one carol plays.
    let gameId = '';
    for (let i = 0; i < 7; i += 1) {
      gameId = (await requestData(engine.graphqlUrl, CreateGameDocument, { opponent: 'carol', heaps: [3, 1, 2] }, { authorization: daveToken })).createGame!.gameId;
    }
    const { page, consoleErrors } = await newPage({ width: 390, height: 844 }, true);
    await page.getByLabel('Username').fill('carol');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('me').waitFor();
    const games = page.getByTestId('games').locator('li');
    await page.getByRole('button', { name: 'Next page' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="games"] li').length === 5);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="games"] li').length === 2);
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="games"] li').length === 5);
    await games.first().getByRole('link').click();
    await page.locator('.board .live[data-live="on"]').waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#/game/${gameId}`);
    // Nothing is wider than the screen.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);

    await page.getByRole('button', { name: 'Take 3 from heap 1' }).tap();
    await page.locator('.board[data-version="2"]').waitFor();
    assert.deepEqual(await heapsOn(page), [0, 1, 2]);
    await page.getByTestId('turn').getByText('Waiting for dave to move.').waitFor();
    await screenshot(page, 'phone-board');
    await requestData(engine.graphqlUrl, ResignDocument, { gameId }, { authorization: daveToken });
    await page.getByTestId('turn').getByText('You won: dave resigned.').waitFor();
    await page.getByTestId('prize').waitFor();
    await screenshot(page, 'phone-won');
    assert.equal(await stillSamePage(page), true);
    assert.ok(carolToken);
    assert.deepEqual(consoleErrors.filter((e) => !e.includes('status of 400')), []);
  });
});
