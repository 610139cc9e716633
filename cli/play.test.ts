/**
 * Playing from the terminal: a whole game between two `turnbase play` processes fed through stdin, `watch`
 * printing the other player's moves live, and the commands around a game (new, games, move, outbox).
 *
 * Commands run in this process (test-helpers `run`/`start`), each with its own streams and environment, except
 * in the first test: its two `play` runs are real processes through cli/bin.mjs, to show that a process playing a
 * game exits by itself once the game ends (its WebSocket, stdin and timers let go), which only a process can show.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunningEngine } from '../local/index.js';
import { startTestEngine } from '../test/support/engine.js';
import { run, start, startProcess, type Running } from './test-helpers.js';

let engine: RunningEngine;
let dir: string;
let env: Record<string, string>;
const running: Running[] = [];
const as = (profile: string, args: string[], input = '') => run(args, { ...env, TURNBASE_PROFILE: profile }, input);
const live = (profile: string, args: string[]) => {
  const started = start(args, { ...env, TURNBASE_PROFILE: profile });
  running.push(started);
  return started;
};
const liveProcess = (profile: string, args: string[]) => {
  const started = startProcess(args, { ...env, TURNBASE_PROFILE: profile });
  running.push(started);
  return started;
};

async function newGame(heaps: string): Promise<string> {
  const created = await as('ann', ['new', 'bob', '--heaps', heaps, '--quiet']);
  assert.equal(created.code, 0, created.stderr);
  return created.stdout.trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turnbase-cli-'));
  engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: join(dir, 'amplify_outputs.json') });
  env = { XDG_CONFIG_HOME: join(dir, 'config'), TURNBASE_OUTPUTS: join(dir, 'amplify_outputs.json') };
  for (const [name, phone] of [['ann', '+15555550171'], ['bob', '+15555550172'], ['carol', '+15555550173']]) {
    const registered = await as(name, ['register', name, '--email', `${name}@example.com`, '--phone', phone, '--height', '70', '--weight', '150'], 'Mypassword1\n');
    assert.equal(registered.code, 0, registered.stderr);
    const login = await as(name, ['login', name], 'Mypassword1\n');
    assert.equal(login.code, 0, login.stderr);
  }
});

afterAll(async () => {
  for (const started of running) started.stop();
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('turnbase play', { timeout: 120_000 }, () => {
  test('two players play a whole game, each seeing the other move live', async () => {
    // Real processes: each must exit by itself once the game is over (see the opening comment).
    const gameId = await newGame('3,2');
    const ann = liveProcess('ann', ['play', gameId]);
    const bob = liveProcess('bob', ['play', gameId]);
    // The invited player moves first.
    await ann.waitFor('Waiting for bob to move.');
    await bob.waitFor('Your move.');

    // A move the rules refuse is answered, and the game goes on.
    bob.write('1 9');
    await bob.waitFor(/Heap 1 holds 3 object\(s\); you cannot take 9\. \(InvalidMove\)/, 'stderr');
    bob.write('take some');
    await bob.waitFor('Not a move: "take some".', 'stderr');
    // Not bob's turn once he moved: the API says so.
    bob.write('1 2');
    await bob.waitFor('You took 2 from heap 1.');
    await ann.waitFor('bob took 2 from heap 1.\n  heap 1  ●  (1)\n  heap 2  ● ●  (2)\nYour move.');
    bob.write('2 1');
    await bob.waitFor(/It is not your turn; waiting for ann to move\. \(NotYourTurn\)/, 'stderr');

    ann.write('2 2');
    await ann.waitFor('You took 2 from heap 2.');
    await bob.waitFor('ann took 2 from heap 2.\n  heap 1  ●  (1)\n  heap 2  ·\nYour move.');
    bob.write('1 1');

    const [annEnd, bobEnd] = await Promise.all([ann.done, bob.done]);
    assert.equal(annEnd.code, 0, annEnd.stderr);
    assert.equal(bobEnd.code, 0, bobEnd.stderr);
    assert.match(annEnd.stdout, /bob took 1 from heap 1\.\n {2}heap 1 {2}·\n {2}heap 2 {2}·\nGame over: You won \(bob took the last object\)\.\n$/);
    assert.match(bobEnd.stdout, /You took 1 from heap 1\.\n {2}heap 1 {2}·\n {2}heap 2 {2}·\nGame over: You lost \(bob took the last object\)\.\n$/);
    // Each version of the game is shown once, though it arrives both as the mutation's answer and by subscription.
    assert.equal(bobEnd.stdout.match(/You took 2 from heap 1\./g)?.length, 1);

    const games = await as('ann', ['games', '--status', 'finished', '--json']);
    const game = (JSON.parse(games.stdout) as Array<{ gameId: string; winner: string; moves: unknown[] }>).find((g) => g.gameId === gameId);
    assert.equal(game?.winner, 'ann');
    assert.equal(game?.moves.length, 3);
  });

  test('resign in play ends the game for both', async () => {
    const gameId = await newGame('5,4,5');
    const ann = live('ann', ['play', gameId]);
    const bob = live('bob', ['play', gameId]);
    await ann.waitFor('Waiting for bob to move.');
    await bob.waitFor('Your move.');
    bob.write('resign');
    const [annEnd, bobEnd] = await Promise.all([ann.done, bob.done]);
    assert.equal(annEnd.code, 0);
    assert.equal(bobEnd.code, 0);
    assert.match(annEnd.stdout, /Game over: You won \(bob resigned\)\.\n$/);
    assert.match(bobEnd.stdout, /Game over: You lost \(bob resigned\)\.\n$/);
  });

  test('when stdin ends before the game, play says how to go on', async () => {
    const gameId = await newGame('5,4,5');
    const bob = live('bob', ['play', gameId]);
    await bob.waitFor('Your move.');
    bob.write('1 1');
    await bob.waitFor('You took 1 from heap 1.');
    bob.end();
    const end = await bob.done;
    assert.equal(end.code, 0);
    assert.match(end.stderr, new RegExp(`Input ended; the game goes on: \`turnbase play ${gameId}\` to continue\\.`));
  });
});

describe('turnbase watch, new, games, move, outbox', { timeout: 120_000 }, () => {
  test("watch prints the other player's moves as they are made, and ends with the game", async () => {
    const gameId = await newGame('2,2');
    const watching = live('ann', ['watch', gameId]);
    await watching.waitFor('Waiting for bob to move.');

    const first = await as('bob', ['move', gameId, '1', '2']);
    assert.equal(first.code, 0, first.stderr);
    await watching.waitFor('bob took 2 from heap 1.\n  heap 1  ·\n  heap 2  ● ●  (2)\nYour move.');
    const refused = await as('bob', ['move', gameId, '2', '1']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, 'turnbase: It is not your turn; waiting for ann to move. (NotYourTurn)\n');

    assert.equal((await as('ann', ['move', gameId, '2', '1'])).code, 0);
    await watching.waitFor('You took 1 from heap 2.');
    assert.equal((await as('bob', ['move', gameId, '2', '1'])).code, 0);
    const end = await watching.done;
    assert.equal(end.code, 0, end.stderr);
    assert.match(end.stdout, /bob took 1 from heap 2\.\n {2}heap 1 {2}·\n {2}heap 2 {2}·\nGame over: You won \(bob took the last object\)\.\n$/);
  });

  test('watch --json prints one JSON line per version of the game', async () => {
    const gameId = await newGame('1,1');
    const watching = live('bob', ['watch', gameId, '--json']);
    await watching.waitFor(/"version":\d+/);
    assert.equal((await as('bob', ['move', gameId, '1', '1'])).code, 0);
    assert.equal((await as('ann', ['move', gameId, '2', '1'])).code, 0);
    const end = await watching.done;
    const versions = end.stdout.trim().split('\n').map((line) => JSON.parse(line) as { heaps: number[]; status: string; winner: string | null });
    assert.deepEqual(versions.map((v) => v.heaps), [[1, 1], [0, 1], [0, 0]]);
    assert.deepEqual(versions.map((v) => v.status), ['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED']);
    assert.equal(versions[2].winner, 'bob');
  });

  test('new shows the board; games lists the game from each side; outbox shows the invitation', async () => {
    const created = await as('ann', ['new', 'bob', '--heaps', '4,1']);
    assert.equal(created.code, 0, created.stderr);
    const gameId = /^Game (\S+) against bob\n {2}heap 1 {2}● ● ● ● {2}\(4\)\n {2}heap 2 {2}● {2}\(1\)\nWaiting for bob to move\.\n$/.exec(created.stdout)?.[1];
    assert.ok(gameId, created.stdout);
    const annGames = await as('ann', ['games', '--status', 'in-progress']);
    assert.match(annGames.stdout, new RegExp(`^${gameId} +bob +their move +4 1 `, 'm'));
    const bobGames = await as('bob', ['games']);
    assert.match(bobGames.stdout, new RegExp(`^${gameId} +ann +your move +4 1 `, 'm'));
    // The engine notifies after answering (as AppSync's asynchronous Lambda invocation): wait for the invitation to go out.
    await engine.settled();
    const outbox = await as('bob', ['outbox', 'bob']);
    assert.equal(outbox.code, 0, outbox.stderr);
    assert.match(outbox.stdout, new RegExp(`for bob: .*${gameId}`));
  });

  test('commands that need a player refuse without a session, exit 3', async () => {
    const result = await as('nobody', ['games']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^turnbase: Not signed in to http:\/\/127\.0\.0\.1:\d+\/graphql: run `turnbase login`\.\n$/);
  });
});

describe('the computer, hints, public games and rematches', { timeout: 120_000 }, () => {
  test('play against the computer: a hint, the move, and its reply in the same answer', async () => {
    const created = await as('ann', ['new', '--computer', 'perfect', '--heaps', '1,1', '--quiet']);
    assert.equal(created.code, 0, created.stderr);
    const gameId = created.stdout.trim();
    const ann = live('ann', ['play', gameId]);
    await ann.waitFor('Your move.');
    ann.write('hint');
    await ann.waitFor(/Hint: take 1 from heap [12] \(it wins against any reply\)\./, 'stderr');
    ann.write('1 1');
    const end = await ann.done;
    assert.equal(end.code, 0, end.stderr);
    assert.match(end.stdout, /You took 1 from heap 1\.\n@computer took 1 from heap 2\.\n {2}heap 1 {2}·\n {2}heap 2 {2}·\nGame over: You won \(@computer took the last object\)\.\n$/);

    const again = await as('ann', ['rematch', gameId]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^Rematch of ${gameId}:`));
    assert.equal((await as('ann', ['new', 'bob', '--computer', 'random'])).code, 2);
  });

  test('a public game is listed for others, and a spectator watches its moves', async () => {
    const created = await as('ann', ['new', 'bob', '--public', '--heaps', '2,3', '--quiet']);
    assert.equal(created.code, 0, created.stderr);
    const gameId = created.stdout.trim();
    const listed = await as('carol', ['public']);
    assert.match(listed.stdout, new RegExp(`^${gameId} +ann v bob +bob to move +2 3$`, 'm'));
    const spectator = live('carol', ['watch', gameId]);
    await spectator.waitFor(`Game ${gameId}: ann v bob`);
    assert.equal((await as('bob', ['move', gameId, '2', '3'])).code, 0);
    await spectator.waitFor('bob took 3 from heap 2.\n  heap 1  ● ●  (2)\n  heap 2  ·\nann to move.');
    assert.equal((await as('ann', ['resign', gameId])).code, 0);
    const end = await spectator.done;
    assert.equal(end.code, 0, end.stderr);
    assert.match(end.stdout, /Game over: bob won \(ann resigned\)\.\n$/);
  });

  test('me and user show the rating; leaderboard lists rated players, highest first, marking the caller', async () => {
    // A rated game between people: bob, invited, moves first and must take the last object.
    const gameId = await newGame('1');
    assert.equal((await as('bob', ['move', gameId, '1', '1'])).code, 0);
    const ratingOf = async (name: string) => {
      const shown = await as(name, ['me', '--json']);
      assert.equal(shown.code, 0, shown.stderr);
      return (JSON.parse(shown.stdout) as { rating: number }).rating;
    };
    const [ann, bob] = [await ratingOf('ann'), await ratingOf('bob')];
    assert.ok(ann > bob, `ann won the last game: ${ann} > ${bob}`);
    const me = await as('ann', ['me']);
    assert.match(me.stdout, new RegExp(`^ {2}rating ${ann}, games \\d+ `, 'm'));
    const other = await as('carol', ['user', 'bob']);
    assert.match(other.stdout, new RegExp(`^ {2}rating ${bob}, `, 'm'));

    const board = await as('bob', ['leaderboard', '--json']);
    assert.equal(board.code, 0, board.stderr);
    const places = JSON.parse(board.stdout) as Array<{ place: number; username: string; rating: number }>;
    assert.deepEqual(places.map((p) => p.place), places.map((_, i) => i + 1));
    assert.deepEqual([...places].sort((a, b) => b.rating - a.rating).map((p) => p.rating), places.map((p) => p.rating));
    assert.equal(places.find((p) => p.username === 'ann')?.rating, ann);
    assert.equal(places.find((p) => p.username === 'bob')?.rating, bob);
    // carol has played no game with a person: she is not on it.
    assert.equal(places.some((p) => p.username === 'carol'), false);

    const table = await as('bob', ['leaderboard']);
    const bobPlace = places.find((p) => p.username === 'bob')!.place;
    assert.match(table.stdout, /^PLACE +PLAYER +RATING\n/);
    assert.match(table.stdout, new RegExp(`^${bobPlace} +bob \\(you\\) +${bob}$`, 'm'));
    const top = await as('bob', ['leaderboard', '--top', '1', '--json']);
    assert.deepEqual(JSON.parse(top.stdout), places.slice(0, 1));
  });

  test('new --turn-time: the game has the time per move, and show says how much of it is left', async () => {
    const created = await as('ann', ['new', 'bob', '--heaps', '2,2', '--turn-time', '5m', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const game = JSON.parse(created.stdout) as { gameId: string; turnSeconds: number; turnDeadline: string };
    assert.equal(game.turnSeconds, 300);
    const shown = await as('bob', ['show', game.gameId]);
    assert.match(shown.stdout, /^Your move \((?:[1-5]m )?\d\ds left\)\.$/m);
    const watched = await as('ann', ['show', game.gameId]);
    assert.match(watched.stdout, /^Waiting for bob to move \((?:[1-5]m )?\d\ds left\)\.$/m);
    // Bounds are the API's: its own message, exit 1.
    const short = await as('ann', ['new', 'bob', '--turn-time', '10s']);
    assert.equal(short.code, 1);
    assert.match(short.stderr, /^turnbase: .*turnSeconds must be a whole number of seconds from 30 to 604800.*\(InvalidInput\)\n$/);
  });
});
