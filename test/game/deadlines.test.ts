/**
 * Turn deadlines (issue 15, item 1) through the public surface: createGame(turnSeconds) bounds, the
 * deadline moving with each move, timeOutGame under AWS_IAM (SigV4, signed by the SDK's signer),
 * refused for every other caller, and a move racing the timeout. Time is the engine's manual
 * clock, moved by the test: nothing waits for a deadline.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { manualClock } from '../../local/clock.js';
import type { RunningEngine } from '../../local/index.js';
import { credentialsFromEnv, signedRequest, type Credentials } from '../../functions/turn-timeout/signed-request.js';
import { TimeOutGameDocument } from '../../client/generated/graphql.js';
import { startTestEngine } from '../support/engine.js';
import { connectRealtime } from '../support/realtime.js';
import { GAME_FIELDS, MAKE_MOVE, errorTypes, getGame, publicClient, readOutbox, registerPlayer, uniqueName, type GameView, type Player } from './support.js';

const clock = manualClock(Date.UTC(2026, 5, 1, 12, 0, 0));
let engine: RunningEngine;
let alice: Player;
let bob: Player;
beforeAll(async () => {
  // The scheduler fires only when the test says so (fireDue), by the test's clock.
  engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: false, clock, schedulerPollMs: 0 });
  alice = await registerPlayer(engine, uniqueName('timea'));
  bob = await registerPlayer(engine, uniqueName('timeb'));
});
afterAll(() => engine.close());

type TimedGame = GameView & { turnSeconds: number | null; turnDeadline: string | null };
const TIMED_FIELDS = `${GAME_FIELDS} turnSeconds turnDeadline`;
const CREATE_TIMED = `mutation Create($opponent: String!, $turnSeconds: Int) { createGame(opponent: $opponent, turnSeconds: $turnSeconds) { ${TIMED_FIELDS} } }`;
const TIME_OUT = `mutation T($gameId: ID!, $version: Int!) { timeOutGame(gameId: $gameId, version: $version) { ${TIMED_FIELDS} } }`;

async function createTimed(turnSeconds: number | null): Promise<TimedGame> {
  const answer = await alice.gql(CREATE_TIMED, { opponent: bob.username, turnSeconds });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data?.createGame as TimedGame;
}

/** timeOutGame as the engine's functions send it: SigV4 with the credentials the engine gave them. */
function timeOutAsScheduler(game: { gameId: string; version: number }, credentials: Credentials = credentialsFromEnv()) {
  return signedRequest(engine.graphqlUrl, TimeOutGameDocument, { gameId: game.gameId, version: game.version }, { region: process.env.AWS_REGION ?? 'us-east-1', credentials });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

describe('createGame(turnSeconds)', () => {
  test('no time limit by default', async () => {
    const game = await createTimed(null);
    assert.equal(game.turnSeconds, null);
    assert.equal(game.turnDeadline, null);
  });

  test('30 seconds to 7 days; outside that, InvalidInput and no game', async () => {
    for (const turnSeconds of [30, 604800]) {
      const game = await createTimed(turnSeconds);
      assert.equal(game.turnSeconds, turnSeconds);
      assert.equal(game.turnDeadline, iso(clock.now() + turnSeconds * 1000));
    }
    const before = (await alice.gql('query { myGames(limit: 50) { items { gameId } } }')).body.data?.myGames as { items: unknown[] };
    for (const turnSeconds of [29, 604801, 0, -30]) {
      const answer = await alice.gql(CREATE_TIMED, { opponent: bob.username, turnSeconds });
      assert.deepEqual(errorTypes(answer), ['InvalidInput'], String(turnSeconds));
      assert.match(String(answer.body.errors?.[0].message), /turnSeconds must be a whole number of seconds from 30 to 604800/);
    }
    const after = (await alice.gql('query { myGames(limit: 50) { items { gameId } } }')).body.data?.myGames as { items: unknown[] };
    assert.equal(after.items.length, before.items.length, 'a refused createGame stores nothing');
  });

  test('each move starts the next turn: the deadline moves with it, in the same write', async () => {
    const game = await createTimed(60);
    clock.advance(45_000);
    const moved = await bob.gql(MAKE_MOVE.replace('moves {', 'turnDeadline moves {'), { gameId: game.gameId, heap: 1, count: 1 });
    assert.equal((moved.body.data?.makeMove as TimedGame).turnDeadline, iso(clock.now() + 60_000));
    // The old deadline has passed; the new one has not: no timeout.
    clock.advance(30_000);
    const early = await timeOutAsScheduler({ gameId: game.gameId, version: 2 });
    assert.deepEqual(early.result.errors?.map((e) => e.errorType), ['DeadlineNotReached']);
  });
});

describe('timeOutGame', () => {
  test('after the deadline the player to move loses (TIMEOUT), the winner gets the prize, and onMove tells both apps', async () => {
    const game = await createTimed(30);
    const sockets = await Promise.all([alice, bob].map((p) => connectRealtime(engine.realtimeUrl, { host: new URL(engine.url).host, Authorization: p.idToken })));
    const watches = await Promise.all(sockets.map((s) => s.subscribe(`subscription M($gameId: ID!) { onMove(gameId: $gameId) { gameId status winner loser endReason turnDeadline } }`, { gameId: game.gameId })));
    const profile = 'query P($u: String!) { getUser(username: $u) { stats { gamesPlayed gamesWon gamesLost } items { source } rating } }';
    const [aliceBefore, bobBefore] = await Promise.all([alice, bob].map(async (p) => (await publicClient(engine)(profile, { u: p.username })).body.data?.getUser as { stats: { gamesWon: number; gamesLost: number }; items: Array<{ source: string }>; rating: number }));

    clock.advance(29_999);
    const early = await timeOutAsScheduler(game);
    assert.deepEqual(early.result.errors?.map((e) => e.errorType), ['DeadlineNotReached']);
    assert.equal((await getGame(alice, game.gameId)).status, 'IN_PROGRESS', 'a refused timeout changes nothing');

    clock.advance(1);
    const ended = await timeOutAsScheduler(game);
    assert.equal(ended.result.errors, undefined, JSON.stringify(ended.result.errors));
    const over = ended.result.data?.timeOutGame;
    // bob was invited, so bob had the first move and missed it.
    assert.deepEqual([over?.status, over?.endReason, over?.winner, over?.loser, over?.turn, over?.turnDeadline], ['FINISHED', 'TIMEOUT', alice.username, bob.username, null, null]);
    for (let i = 0; i < sockets.length; i += 1) {
      const frame = await sockets[i].next('data', watches[i].id);
      assert.deepEqual(frame.payload?.data?.onMove, { gameId: game.gameId, status: 'FINISHED', winner: alice.username, loser: bob.username, endReason: 'TIMEOUT', turnDeadline: null });
      sockets[i].close();
    }
    await engine.settled();
    const [aliceAfter, bobAfter] = await Promise.all([alice, bob].map(async (p) => (await publicClient(engine)(profile, { u: p.username })).body.data?.getUser as typeof aliceBefore));
    assert.equal(aliceAfter.stats.gamesWon, aliceBefore.stats.gamesWon + 1);
    assert.equal(aliceAfter.items.filter((i) => i.source === 'GAME_WON').length, aliceBefore.items.filter((i) => i.source === 'GAME_WON').length + 1, 'the winner got the prize');
    assert.equal(bobAfter.stats.gamesLost, bobBefore.stats.gamesLost + 1);
    assert.ok(aliceAfter.rating > aliceBefore.rating && bobAfter.rating < bobBefore.rating, 'rated as any finished game between people');

    const again = await timeOutAsScheduler(game);
    assert.deepEqual(again.result.errors?.map((e) => e.errorType), ['GameOver'], 'a retried timeout changes nothing');
    const moveAfter = await bob.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 });
    assert.deepEqual(errorTypes(moveAfter), ['GameOver']);
  });

  test('refused without a signature, with a bad signature, and for user-pool and API-key callers', async () => {
    const game = await createTimed(30);
    clock.advance(31_000);
    const variables = { gameId: game.gameId, version: game.version };
    const body = { query: TIME_OUT, variables };

    const unsigned = await fetch(engine.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(unsigned.status, 401);

    const real = credentialsFromEnv();
    const wrongSecret = await timeOutAsScheduler(game, { ...real, secretAccessKey: `${real.secretAccessKey.slice(0, -1)}x` });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.result.errors?.[0].errorType, 'UnauthorizedException');
    const unknownKey = await timeOutAsScheduler(game, { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: real.secretAccessKey });
    assert.equal(unknownKey.status, 401);

    // Properly signed, but for a version the game no longer has (as a stale schedule would): nothing happens.
    const signedOther = await timeOutAsScheduler({ gameId: game.gameId, version: game.version + 1 });
    assert.equal(signedOther.status, 200);
    assert.deepEqual(signedOther.result.errors?.map((e) => e.errorType), ['GameChanged']);

    const asPlayer = await alice.gql(TIME_OUT, variables);
    assert.equal(asPlayer.body.data?.timeOutGame, null);
    assert.deepEqual(errorTypes(asPlayer), ['Unauthorized']);
    const asApiKey = await publicClient(engine)(TIME_OUT, variables);
    assert.deepEqual(errorTypes(asApiKey), ['Unauthorized']);
    assert.equal((await getGame(alice, game.gameId)).status, 'IN_PROGRESS', 'nothing changed');

    const signedByEngineKeys = await timeOutAsScheduler(game);
    assert.equal(signedByEngineKeys.result.data?.timeOutGame?.endReason, 'TIMEOUT');
  });

  test('a move racing the timeout, 50 times: exactly one of them wins each time', async () => {
    const outcomes = { move: 0, timeout: 0 };
    for (let round = 0; round < 50; round += 1) {
      const game = await createTimed(30);
      clock.advance(30_001);
      const [move, timeout] = await Promise.all([bob.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 }), timeOutAsScheduler(game)]);
      const moved = Boolean(move.body.data?.makeMove);
      const timedOut = Boolean(timeout.result.data?.timeOutGame);
      assert.equal(Number(moved) + Number(timedOut), 1, `round ${round}: ${JSON.stringify([move.body.errors, timeout.result.errors])}`);
      const stored = await getGame(alice, game.gameId);
      if (moved) {
        outcomes.move += 1;
        assert.deepEqual(timeout.result.errors?.map((e) => e.errorType), ['GameChanged']);
        assert.deepEqual([stored.status, stored.version, stored.moves.length], ['IN_PROGRESS', 2, 1]);
      } else {
        outcomes.timeout += 1;
        assert.deepEqual(errorTypes(move), ['GameOver']);
        assert.deepEqual([stored.status, stored.endReason, stored.moves.length], ['FINISHED', 'TIMEOUT', 0]);
      }
    }
    assert.equal(outcomes.move + outcomes.timeout, 50);
  });
});

describe('the scheduler', () => {
  function schedulesOf(gameId: string): string[] {
    return engine.scheduler
      .schedules()
      .filter((s) => s.name.startsWith(gameId))
      .map((s) => s.name.slice(gameId.length + 1))
      .sort();
  }

  test('a game times out with nobody acting: reminder SMS first, then the timeout reaches both apps through onMove', async () => {
    const game = await createTimed(60);
    await engine.settled();
    assert.deepEqual(schedulesOf(game.gameId), ['1-reminder', '1-timeout'], 'created with the game');
    const sockets = await Promise.all([alice, bob].map((p) => connectRealtime(engine.realtimeUrl, { host: new URL(engine.url).host, Authorization: p.idToken })));
    const ON_MOVE = `subscription M($gameId: ID!) { onMove(gameId: $gameId) { ${TIMED_FIELDS} } }`;
    const watches = await Promise.all(sockets.map((s) => s.subscribe(ON_MOVE, { gameId: game.gameId })));
    const reminders = async () => (await readOutbox(engine, bob.phoneNumber)).filter((m) => m.message.startsWith('Reminder:') && m.message.includes(game.gameId));

    // Scheduler's at() has whole seconds, rounded up: the reminder is due at most a second after 45 s.
    clock.advance(44_000);
    engine.scheduler.fireDue();
    await engine.settled();
    assert.equal((await reminders()).length, 0, 'no reminder before three quarters of the turn');
    clock.advance(2_000);
    engine.scheduler.fireDue();
    await engine.settled();
    const sent = await reminders();
    assert.equal(sent.length, 1, 'one reminder SMS to the player to move');
    assert.match(sent[0].message, new RegExp(`due by ${game.turnDeadline}`));
    assert.equal((await getGame(alice, game.gameId)).status, 'IN_PROGRESS');

    clock.advance(13_000);
    engine.scheduler.fireDue();
    await engine.settled();
    assert.equal((await getGame(alice, game.gameId)).status, 'IN_PROGRESS', 'not before the deadline');
    clock.advance(2_000);
    engine.scheduler.fireDue();
    await engine.settled();
    for (let i = 0; i < sockets.length; i += 1) {
      const frame = await sockets[i].next('data', watches[i].id);
      const seen = frame.payload?.data?.onMove as TimedGame;
      assert.deepEqual([seen.status, seen.endReason, seen.winner, seen.loser, seen.turnDeadline, seen.version], ['FINISHED', 'TIMEOUT', alice.username, bob.username, null, 2]);
      sockets[i].close();
    }
    const stored = await getGame(bob, game.gameId);
    assert.deepEqual([stored.status, stored.endReason, stored.winner], ['FINISHED', 'TIMEOUT', alice.username]);
    assert.deepEqual(schedulesOf(game.gameId), [], 'fired schedules delete themselves');
    const over = (await readOutbox(engine, alice.phoneNumber)).filter((m) => m.message.includes(game.gameId) && m.message.startsWith('You won'));
    assert.equal(over.length, 1, 'the winner is told');
    assert.match(over[0].message, /ran out of time/);
  });

  test('each move replaces the turn schedules; the end of the game removes them; a stale timeout changes nothing', async () => {
    const game = await createTimed(60);
    await engine.settled();
    clock.advance(10_000);
    await bob.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 });
    await engine.settled();
    assert.deepEqual(schedulesOf(game.gameId), ['2-reminder', '2-timeout']);
    clock.advance(55_000);
    // The first turn's deadline (60 s after creation) has passed, but that turn is over: nothing fires for it.
    engine.scheduler.fireDue();
    await engine.settled();
    assert.equal((await getGame(alice, game.gameId)).status, 'IN_PROGRESS');
    const stale = await timeOutAsScheduler({ gameId: game.gameId, version: 1 });
    assert.deepEqual(stale.result.errors?.map((e) => e.errorType), ['GameChanged']);
    await alice.gql('mutation R($gameId: ID!) { resign(gameId: $gameId) { gameId } }', { gameId: game.gameId });
    await engine.settled();
    assert.deepEqual(schedulesOf(game.gameId), []);
  });
});

test('a rematch keeps the time per move and gets its own first deadline and schedules', async () => {
  const game = await createTimed(90);
  await alice.gql('mutation R($gameId: ID!) { resign(gameId: $gameId) { gameId } }', { gameId: game.gameId });
  clock.advance(5_000);
  const answer = await bob.gql(`mutation M($gameId: ID!) { rematch(gameId: $gameId) { ${TIMED_FIELDS} } }`, { gameId: game.gameId });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  const rematch = answer.body.data?.rematch as TimedGame;
  assert.deepEqual([rematch.turnSeconds, rematch.turnDeadline, rematch.turn], [90, iso(clock.now() + 90_000), alice.username]);
  await engine.settled();
  assert.deepEqual(engine.scheduler.schedules().filter((s) => s.name.startsWith(rematch.gameId)).map((s) => s.name.slice(27)).sort(), ['1-reminder', '1-timeout']);
});
