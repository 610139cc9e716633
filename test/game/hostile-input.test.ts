/**
 * Issue 9, items 1, 2, 4 and the bad nextToken: hostile input is refused as the client's mistake
 * (a named errorType and a short human message), nothing is stored, and no document is expensive.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { RunningEngine } from '../../local/index.js';
import { CREATE_GAME, GET_GAME, MAKE_MOVE, REGISTER, RESIGN, errorTypes, newPhoneNumber, publicClient, registerPlayer, startGameEngine, uniqueName, type Gql, type Player } from './support.js';

let engine: RunningEngine;
let gql: Gql;
let player: Player;
beforeAll(async () => {
  engine = await startGameEngine();
  gql = publicClient(engine);
  player = await registerPlayer(engine, uniqueName('guard'));
});
afterAll(() => engine.close());

// A million characters: the largest round size that fits in one request body (the limit is 1 MiB).
const MEGABYTE = 'a'.repeat(1_000_000);
const GET_USER = 'query U($username: String!) { getUser(username: $username) { username email } }';

function registration(overrides: Record<string, unknown>) {
  const username = uniqueName('hostile');
  return { username, password: 'Mypassword1', email: `${username}@example.com`, phoneNumber: newPhoneNumber(), height: 70, weight: 180, ...overrides };
}

/** The one error of an answer: a client error with a short message (never InternalFailure or Code). */
function assertClientError(answer: Awaited<ReturnType<Gql>>, expected: string, context: string): void {
  assert.equal(answer.status, 200, context);
  assert.deepEqual(errorTypes(answer), [expected], `${context}: ${JSON.stringify(answer.body.errors).slice(0, 300)}`);
  const message = String(answer.body.errors?.[0].message);
  assert.ok(message.length > 10 && message.length < 300, `${context}: a short human message, got ${message.length} characters`);
}

describe('control and bidirectional-override characters', () => {
  for (const [name, character] of [['NUL', '\u0000'], ['U+0001', '\u0001'], ['DEL', '\u007f'], ['right-to-left override', '\u202e']]) {
    test(`an e-mail with ${name} is refused and nothing is registered`, async () => {
      const input = registration({});
      input.email = `bone${character}crusher@example.com`;
      assertClientError(await gql(REGISTER, { input }), 'InvalidInput', name);
      assertClientError(await gql(GET_USER, { username: input.username }), 'UserNotFound', 'no profile');
    });
  }
});

describe('oversized input is a client error', () => {
  test('a 1 MB e-mail, password or username at registration', async () => {
    for (const field of ['email', 'password', 'username']) {
      const input = registration({ [field]: field === 'email' ? `${MEGABYTE}@example.com` : MEGABYTE });
      assertClientError(await gql(REGISTER, { input }), 'InvalidInput', field);
    }
  });

  test('a 1 MB opponent name', async () => {
    assertClientError(await player.gql(CREATE_GAME, { opponent: MEGABYTE }), 'UserNotFound', 'opponent');
  });

  test('a 2 KB or empty game id, for every field that takes one', async () => {
    for (const gameId of ['x'.repeat(2048), '']) {
      assertClientError(await player.gql(GET_GAME, { gameId }), 'InvalidInput', `getGame ${gameId.length}`);
      assertClientError(await player.gql(MAKE_MOVE, { gameId, heap: 1, count: 1 }), 'InvalidInput', `makeMove ${gameId.length}`);
      assertClientError(await player.gql(RESIGN, { gameId }), 'InvalidInput', `resign ${gameId.length}`);
    }
  });

  test('a 1 MB username to getUser and login', async () => {
    assertClientError(await gql(GET_USER, { username: MEGABYTE }), 'InvalidInput', 'getUser');
    const login = await gql('mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { idToken } }', { u: MEGABYTE, p: 'Mypassword1' });
    assertClientError(login, 'InvalidInput', 'login');
  });
});

describe('myGames', () => {
  test('a nextToken that is not base64 is InvalidInput', async () => {
    for (const nextToken of ['%%%', 'not base64 at all', '=']) {
      assertClientError(await player.gql('query M($t: String) { myGames(nextToken: $t) { nextToken } }', { t: nextToken }), 'InvalidInput', nextToken);
    }
  });

  // Well-formed base64 that no query of ours made, a JSON envelope with the wrong tag, and a token cut short.
  const foreign = [Buffer.from('{"a":1}').toString('base64'), Buffer.from('{"tag":"x","key":"{}"}').toString('base64'), 'eyJ0YWciOiJ0dXJu', 'x'.repeat(5000)];
  for (const field of ['myGames', 'publicGames', 'leaderboard']) {
    test(`${field}: any token it did not hand out is InvalidInput`, async () => {
      for (const nextToken of ['%%%', ...foreign]) {
        const answer = await player.gql(`query M($t: String) { ${field}(nextToken: $t) { nextToken } }`, { t: nextToken });
        assert.equal(answer.body.data?.[field] ?? null, null, `${field} ${nextToken.slice(0, 20)}`);
        assertClientError(answer, 'InvalidInput', `${field} ${nextToken.slice(0, 20)}`);
      }
    });
  }
});

describe('expensive documents', () => {
  /** F0 selects a few fields; each F(n) spreads F(n-1) twice, so F(levels) expands 2^levels times. */
  function nestedFragments(levels: number): string {
    const fragments = ['fragment F0 on Game { gameId heaps turn }'];
    for (let level = 1; level <= levels; level += 1) fragments.push(`fragment F${level} on Game { ...F${level - 1} ...F${level - 1} }`);
    return `query G($gameId: ID!) { getGame(gameId: $gameId) { ...F${levels} } } ${fragments.join(' ')}`;
  }

  test('nested fragment spreads past the cost limit are refused before any resolver runs', async () => {
    const answer = await player.gql(nestedFragments(23), { gameId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    assert.equal(answer.body.data, null);
    assert.match(String(answer.body.errors?.[0].message), /Cost limit of \d+ exceeded/);
    assert.equal(answer.body.errors?.[0].path, null, 'AppSync-shaped: a request error has no path');
  });

  test('nested fragments within the limit are answered, each field once', async () => {
    const opponent = await registerPlayer(engine, uniqueName('rival'));
    const created = await player.gql(CREATE_GAME, { opponent: opponent.username });
    const gameId = (created.body.data?.createGame as { gameId: string }).gameId;
    const answer = await player.gql(nestedFragments(4), { gameId });
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    assert.deepEqual(Object.keys(answer.body.data?.getGame as object), ['gameId', 'heaps', 'turn']);
  });
});
