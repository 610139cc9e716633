/**
 * The game features of issue 15 in the web app, in a real browser against a real engine: a game against the
 * computer with a hint and a rematch, a public game created with the checkbox and watched live by a third player
 * from the Watch list, ratings in the profile and the paged leaderboard, and a game with a time per move whose
 * countdown follows the deadline and which ends by timeout (the engine's clock moved ahead, not waited for). What the page shows is compared with
 * what the API answers for the same question.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateComputerGameDocument,
  CreateGameDocument,
  GetGameDocument,
  HintDocument,
  LeaderboardDocument,
  MakeMoveDocument,
  MeDocument,
  TimeOutGameDocument,
  request,
  requestData,
} from '../../client/index.js';
import { credentialsFromEnv, signedRequest } from '../../functions/turn-timeout/signed-request.js';
import { heapsOn, movableClock, screenshot, signInOnPage, startWebApp, stillSamePage, unexpected, type WebApp } from './web-support.js';

let app: WebApp;
const clock = movableClock();
const tokens: Record<string, string> = {};
const as = (username: string) => ({ authorization: tokens[username] });
const gameOf = async (username: string, gameId: string) => (await requestData(app.engine.graphqlUrl, GetGameDocument, { gameId }, as(username))).getGame!;

beforeAll(async () => {
  app = await startWebApp('webf', clock);
  for (const [index, name] of ['hana', 'ivan', 'jill', 'kate', 'lena', 'mark'].entries()) tokens[name] = await app.registerByApi(name, `+1555555020${index}`);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the web app: computer, hints, rematch, spectators, ratings', () => {
  test('a game against the perfect computer: the level chosen, the API’s refusal, a hint, its reply, a rematch', { timeout: 180_000 }, async () => {
    const { page, consoleErrors } = await app.newPage();
    await signInOnPage(page, 'hana');
    const form = page.getByRole('form', { name: 'Play the computer' });
    await form.getByLabel('Level').selectOption('PERFECT');

    // Heaps the API refuses: the page shows its message and stays in the lobby.
    await form.getByLabel(/Heaps/).fill('0 0');
    await form.getByRole('button', { name: 'Play the computer' }).click();
    const direct = await request(app.engine.graphqlUrl, CreateComputerGameDocument, { computer: 'PERFECT', heaps: [0, 0] }, as('hana'));
    assert.ok(direct.errors?.[0]?.message);
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.textContent(), direct.errors[0].message);

    await form.getByLabel(/Heaps/).fill('1 2');
    await form.getByRole('button', { name: 'Play the computer' }).click();
    await page.locator('.board .live[data-live="on"]').waitFor();
    const gameId = await page.evaluate(() => location.hash.split('/')[2]);
    const created = await gameOf('hana', gameId);
    assert.equal(created.computer, 'PERFECT');
    assert.equal(await page.getByRole('heading', { level: 2 }).textContent(), 'You vs the computer (perfect)');
    await page.getByTestId('turn').getByText('Your turn').waitFor();

    // The hint is the API's, and the objects its move would take are the ones marked.
    const { hint } = await requestData(app.engine.graphqlUrl, HintDocument, { gameId }, as('hana'));
    assert.ok(hint?.winning);
    await page.getByRole('button', { name: 'Hint' }).click();
    await page.getByTestId('hint').getByText(`Hint: take ${hint.count} from heap ${hint.heap}; it wins against any reply.`).waitFor();
    assert.equal(await page.locator(`.heap[data-heap="${hint.heap}"] .object.hinted`).count(), hint.count);
    assert.equal(await page.locator('.object.hinted').count(), hint.count);
    await screenshot(page, 'computer-hint');

    // Taking it: the computer's reply comes in the same answer, and the hint is gone with the move.
    await page.getByRole('button', { name: `Take ${hint.count} from heap ${hint.heap}` }).click();
    await page.getByTestId('turn').getByText('You won: the computer (perfect) took the last object.').waitFor();
    const finished = await gameOf('hana', gameId);
    assert.deepEqual(await heapsOn(page), finished.heaps);
    assert.equal(await page.locator('[data-testid="moves"] li').count(), finished.moves.length);
    assert.equal(await page.locator('[data-testid="moves"] li').last().textContent(), `the computer (perfect) took ${finished.lastMove!.count} from heap ${finished.lastMove!.heap} → ${finished.heaps.join(' · ')}`);
    assert.equal(await page.getByTestId('hint').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Hint' }).count(), 0);

    // Rematch opens the new game, the one the API recorded on the old one.
    await page.getByRole('button', { name: 'Rematch' }).click();
    await page.waitForFunction((old) => location.hash.startsWith('#/game/') && !location.hash.endsWith(old), gameId);
    const rematchId = await page.evaluate(() => location.hash.split('/')[2]);
    assert.equal((await gameOf('hana', gameId)).rematchGameId, rematchId);
    const rematch = await gameOf('hana', rematchId);
    assert.equal(rematch.rematchOf, gameId);
    await page.locator(`.board[data-version="${rematch.version}"]`).waitFor();
    assert.deepEqual(await heapsOn(page), rematch.heaps);
    assert.equal(await stillSamePage(page), true);
    assert.deepEqual(unexpected(consoleErrors), []);
  });

  test('a public game made with the checkbox is in the Watch list; a spectator follows it live, read-only', { timeout: 180_000 }, async () => {
    const ivan = await app.newPage();
    await signInOnPage(ivan.page, 'ivan');
    const form = ivan.page.getByRole('form', { name: 'New game' });
    await form.getByLabel('Opponent').fill('jill');
    await form.getByLabel(/Heaps/).fill('2 3');
    await form.getByLabel('Public').check();
    await form.getByRole('button', { name: 'Invite' }).click();
    await ivan.page.locator('.board .live[data-live="on"]').waitFor();
    const gameId = await ivan.page.evaluate(() => location.hash.split('/')[2]);
    assert.equal((await gameOf('ivan', gameId)).visibility, 'PUBLIC');
    // A private game between the same two, for the refusal below.
    const hidden = (await requestData(app.engine.graphqlUrl, CreateGameDocument, { opponent: 'jill', heaps: [1] }, as('ivan'))).createGame!.gameId;

    const kate = await app.newPage({ width: 390, height: 844 }, true);
    await signInOnPage(kate.page, 'kate');
    await kate.page.getByRole('link', { name: 'Watch', exact: true }).click();
    const link = kate.page.getByRole('link', { name: 'Watch ivan vs jill' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `#/game/${gameId}`);
    await link.click();
    await kate.page.locator('.board .live[data-live="on"]').waitFor();
    await kate.page.getByText('You are watching this public game.').waitFor();
    assert.equal(await kate.page.getByRole('heading', { level: 2 }).textContent(), 'ivan vs jill');
    assert.equal(await kate.page.getByRole('button', { name: /^Take / }).count(), 0);
    assert.equal(await kate.page.getByRole('button', { name: /Hint|Resign|Rematch/ }).count(), 0);
    assert.equal(await kate.page.locator('.object').count(), 5);
    await kate.page.getByTestId('turn').getByText('Waiting for jill to move.').waitFor();

    // Jill moves through the API; both the player and the spectator see it without a reload.
    await requestData(app.engine.graphqlUrl, MakeMoveDocument, { gameId, heap: 2, count: 3 }, as('jill'));
    for (const page of [kate.page, ivan.page]) {
      await page.locator('.board[data-version="2"]').waitFor();
      assert.deepEqual(await heapsOn(page), [2, 0]);
    }
    await kate.page.getByTestId('turn').getByText('Waiting for ivan to move.').waitFor();
    await screenshot(kate.page, 'spectator');
    await ivan.page.getByRole('button', { name: 'Resign' }).click();
    await kate.page.getByTestId('turn').getByText('jill won: ivan resigned.').waitFor();

    // A finished game leaves the list; a private game is refused with the API's own message.
    await kate.page.getByRole('link', { name: 'Watch', exact: true }).click();
    await kate.page.getByText('No public games right now.').waitFor();
    const refusal = await request(app.engine.graphqlUrl, GetGameDocument, { gameId: hidden }, as('kate'));
    assert.ok(refusal.errors?.[0]?.message);
    await kate.page.evaluate((id) => (location.hash = `#/game/${id}`), hidden);
    // The refused subscription may speak first; the page ends on getGame's own message, whatever the order.
    const alert = kate.page.getByRole('alert');
    await alert.getByText(refusal.errors[0].message, { exact: true }).waitFor();
    assert.equal(await alert.textContent(), refusal.errors[0].message);
    assert.equal(await kate.page.locator('.heap').count(), 0);
    for (const player of [ivan, kate]) {
      assert.equal(await stillSamePage(player.page), true);
      assert.deepEqual(unexpected(player.consoleErrors), []);
    }
  });

  test('the profile shows the rating; the leaderboard pages through the API’s order', { timeout: 240_000 }, async () => {
    // Twelve rated players in all (ivan and jill played above): five more one-object games, each lost by
    // the invited player, who moves first and must take the last object.
    for (let i = 0; i < 5; i += 1) {
      const [host, guest] = [`host${i}`, `guest${i}`];
      tokens[host] = await app.registerByApi(host, `+155555503${i}0`);
      tokens[guest] = await app.registerByApi(guest, `+155555503${i}1`);
      const game = (await requestData(app.engine.graphqlUrl, CreateGameDocument, { opponent: guest, heaps: [1 + i] }, as(host))).createGame!;
      await requestData(app.engine.graphqlUrl, MakeMoveDocument, { gameId: game.gameId, heap: 1, count: 1 + i }, as(guest));
    }
    const { page, consoleErrors } = await app.newPage();
    await signInOnPage(page, 'ivan');
    const { me } = await requestData(app.engine.graphqlUrl, MeDocument, {}, as('ivan'));
    assert.notEqual(me!.rating, 1200, 'ivan lost a rated game');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByTestId('rating').getByText(String(me!.rating), { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Leaderboard' }).click();
    const first = (await requestData(app.engine.graphqlUrl, LeaderboardDocument, { limit: 10 }, as('ivan'))).leaderboard!;
    assert.equal(first.items.length, 10);
    assert.ok(first.nextToken);
    const second = (await requestData(app.engine.graphqlUrl, LeaderboardDocument, { limit: 10, nextToken: first.nextToken }, as('ivan'))).leaderboard!;
    assert.equal(second.items.length, 2);
    const rows = () => page.locator('.leaderboard tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const expected = (items: typeof first.items, from: number) => items.map((e, i) => [String(from + i), e.username, String(e.rating)]);
    await page.getByText('Page 1').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.leaderboard tbody tr').length === 10);
    assert.deepEqual(await rows(), expected(first.items, 1));
    await screenshot(page, 'leaderboard');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.leaderboard tbody tr').length === 2);
    assert.deepEqual(await rows(), expected(second.items, 11));
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
    // Ivan's own row is marked wherever it stands.
    const ivanOnSecond = second.items.some((e) => e.username === 'ivan');
    if (!ivanOnSecond) await page.getByRole('button', { name: 'Previous page' }).click();
    await page.locator('.leaderboard tr[aria-current="true"]').getByText('ivan').waitFor();
    assert.equal(await page.locator('.leaderboard tr[aria-current="true"]').count(), 1);
    assert.deepEqual(unexpected(consoleErrors), []);
  });

  test('a time per move: the countdown follows the API’s deadline, restarts with each move, and the timeout ends the game live', { timeout: 180_000 }, async () => {
    const { page, consoleErrors } = await app.newPage();
    await signInOnPage(page, 'lena');
    const form = page.getByRole('form', { name: 'New game' });
    await form.getByLabel('Opponent').fill('mark');
    await form.getByLabel(/Heaps/).fill('3 3');
    await form.getByLabel('Time per move').selectOption({ label: '5 minutes' });
    await form.getByRole('button', { name: 'Invite' }).click();
    await page.locator('.board .live[data-live="on"]').waitFor();
    const gameId = await page.evaluate(() => location.hash.split('/')[2]);
    const created = await gameOf('lena', gameId);
    assert.equal(created.turnSeconds, 300);
    assert.ok(created.turnDeadline);

    // The countdown is for mark's move, counts towards the API's deadline, and ticks.
    const countdown = page.getByRole('timer');
    assert.equal(await countdown.getAttribute('data-deadline'), created.turnDeadline);
    const shown = (await countdown.textContent()) ?? '';
    assert.match(shown, /^Time mark has left for this move: [0-5]:\d\d$/);
    await page.waitForFunction((before) => document.querySelector('[data-testid="countdown"]')?.textContent !== before, shown);

    // Mark moves: the deadline moves to lena's turn, and the page follows it.
    const moved = (await requestData(app.engine.graphqlUrl, MakeMoveDocument, { gameId, heap: 1, count: 3 }, as('mark'))).makeMove!;
    assert.notEqual(moved.turnDeadline, created.turnDeadline);
    await page.locator(`[data-testid="countdown"][data-deadline="${moved.turnDeadline}"]`).waitFor();
    assert.match((await countdown.textContent()) ?? '', /^Your time left for this move: [0-5]:\d\d$/);
    await screenshot(page, 'board-timer');

    // Lena lets it run out: the engine's time passes the deadline and the scheduler's mutation ends the game. It is
    // sent here as the scheduler sends it; should a scheduler stand-in have sent it first, this one is refused.
    clock.advance(301_000);
    await signedRequest(app.engine.graphqlUrl, TimeOutGameDocument, { gameId, version: moved.version }, { region: process.env.AWS_REGION ?? 'us-east-1', credentials: credentialsFromEnv() });
    await page.getByTestId('turn').getByText('mark won: lena ran out of time.').waitFor();
    assert.equal((await gameOf('lena', gameId)).endReason, 'TIMEOUT');
    assert.equal(await page.getByRole('timer').count(), 0);
    assert.equal(await stillSamePage(page), true);
    assert.deepEqual(unexpected(consoleErrors), []);
  });
});
