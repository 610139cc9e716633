/**
 * Item sizes by DynamoDB's rules (infra/item-size.ts): the weighing itself; the documented bound of a
 * player record (resolvers/_lib/records.ts), weighed on the largest record the API can write; and the
 * cost model's sizes (infra/cost-model.ts): an 8-move game played through the engine, its stored item
 * weighed at creation and after every move, and the player record the model bills settle writes by.
 */
import assert from 'node:assert/strict';
import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { MAX_ITEMS, makeItem } from '../../game/items.js';
import { HEAVIEST_GAME, TYPICAL_GAME, type PlayAssumptions } from '../../infra/cost-model.js';
import { itemSize, valueSize, writeUnits } from '../../infra/item-size.js';
import type { RunningEngine } from '../../local/index.js';
import { createDynamoClient } from '../../local/dynamodb/client.js';
import { PLAYER_RECORD_MAX_BYTES, SETTLED_WINDOW, type PlayerRecord } from '../../resolvers/_lib/records.js';
import { MAKE_MOVE, registerPlayer, startGameEngine, type Player } from '../game/support.js';

const TIME = '2026-12-02T13:19:08.295Z';

/** The longest username the API accepts (resolvers/_lib/input.ts). */
const LONGEST_NAME = 32;
/** The typical profile's usernames. */
const TYPICAL_NAME = 10;
/** Default heaps 5, 4, 5: eight moves, the eighth takes the last objects. */
const MOVES: Array<[heap: number, count: number]> = [
  [1, 2],
  [2, 2],
  [3, 3],
  [1, 2],
  [2, 1],
  [1, 1],
  [2, 1],
  [3, 2],
];

function gameId(n: number): string {
  return `01M8VEHCMV84T9JYWS2RQ${String(n).padStart(5, '0')}`;
}

function uniqueName(prefix: string, length: number): string {
  return `${prefix}${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`.padEnd(length, 'x').slice(0, length);
}

type WeighedRecord = Omit<PlayerRecord, 'settled' | 'settledPrevious'> & { settled: Set<string>; settledPrevious: Set<string> };

/** A player record with `items` prizes and two full settled sets; the rest as `extra` says. */
function playerRecord(items: number, extra: Partial<WeighedRecord> = {}): WeighedRecord {
  return {
    username: 'u'.repeat(LONGEST_NAME),
    height: 180,
    weight: 80,
    email: `${'u'.repeat(LONGEST_NAME)}@example.com`,
    phoneNumber: '+15555550100',
    createdAt: TIME,
    items: Array.from({ length: items }, (_, i) => makeItem(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 2, 10, TIME, 'GAME_WON')),
    gamesPlayed: 40,
    gamesWon: 20,
    gamesLost: 20,
    ratingPoints: -16,
    board: 'ALL',
    settled: new Set(Array.from({ length: SETTLED_WINDOW }, (_, i) => gameId(i))),
    settledPrevious: new Set(Array.from({ length: SETTLED_WINDOW }, (_, i) => gameId(SETTLED_WINDOW + i))),
    settledCount: SETTLED_WINDOW,
    settledSince: TIME,
    forgottenBefore: TIME,
    ...extra,
  };
}

describe('item sizes', () => {
  test('the weighing follows the developer guide', () => {
    assert.equal(itemSize({ name: { S: 'héllo' } }), 4 + 6);
    assert.equal(valueSize({ N: '123' }), 3);
    assert.equal(valueSize({ N: '-0.00120' }), 2);
    assert.equal(valueSize({ NULL: true }), 1);
    assert.equal(valueSize({ L: [{ N: '1' }, { S: 'ab' }] }), 3 + (1 + 2) + (1 + 2));
    assert.equal(valueSize({ M: { a: { S: 'xyz' } } }), 3 + 1 + 1 + 3);
    assert.equal(valueSize({ SS: ['ab', 'cde'] }), 5);
    assert.equal(writeUnits(1024, 10), 1);
    assert.equal(writeUnits(1000, 1025), 2);
  });

  test(`the largest player record the API can write weighs at most ${PLAYER_RECORD_MAX_BYTES} bytes`, () => {
    // Every field at its longest: registration's limits (functions/auth/validate.ts), four-byte characters in the email, a full inventory.
    const record = playerRecord(MAX_ITEMS, {
      height: 1000,
      weight: 10000,
      email: '\u{1F600}'.repeat(254),
      phoneNumber: '+999999999999999',
      gamesPlayed: 123456789012,
      gamesWon: 123456789012,
      gamesLost: 123456789012,
      prizesForfeited: 123456789012,
      ratingPoints: -123456,
    });
    const bytes = itemSize(marshall(record));
    assert.ok(bytes <= PLAYER_RECORD_MAX_BYTES, `${bytes} bytes`);
    // The bound is meant to be tight enough to mean something.
    assert.ok(bytes > PLAYER_RECORD_MAX_BYTES * 0.9, `${bytes} bytes`);
  });

  test("the heaviest profile's player record: 10 prizes and two full settled sets", () => {
    assert.equal(itemSize(marshall(playerRecord(10))), HEAVIEST_GAME.playerItemBytes);
  });

  test("the typical profile's player record: ten games in, 5 prizes won and 10 games settled, none forgotten", () => {
    const name = 'u'.repeat(TYPICAL_NAME);
    const { settledPrevious: _previous, forgottenBefore: _forgotten, ...record } = playerRecord(5, {
      username: name,
      email: `${name}@example.com`,
      gamesPlayed: 10,
      gamesWon: 5,
      gamesLost: 5,
      ratingPoints: 16,
      settled: new Set(Array.from({ length: 10 }, (_, i) => gameId(i))),
      settledCount: 10,
    });
    assert.equal(itemSize(marshall(record)), TYPICAL_GAME.playerItemBytes);
  });
});

describe("the cost model's game item", () => {
  let engine: RunningEngine;
  beforeAll(async () => {
    engine = await startGameEngine();
  }, 120_000);
  afterAll(() => engine?.close());

  async function storedGame(id: string): Promise<Record<string, AttributeValue>> {
    const client = createDynamoClient(engine.dynamodbEndpoint);
    try {
      const answer = await client.send(new GetItemCommand({ TableName: engine.tableNames.games, Key: { gameId: { S: id } }, ConsistentRead: true }));
      return answer.Item!;
    } finally {
      client.destroy();
    }
  }

  /** Plays MOVES between two new players and weighs the stored game at creation and after each move. */
  async function weighGame(nameLength: number, options: { visibility: 'PUBLIC' | 'PRIVATE'; turnSeconds: number | null }): Promise<number[]> {
    const [first, second]: Player[] = [await registerPlayer(engine, uniqueName('w', nameLength)), await registerPlayer(engine, uniqueName('l', nameLength))];
    const created = await first.gql('mutation C($opponent: String!, $visibility: Visibility, $turnSeconds: Int) { createGame(opponent: $opponent, visibility: $visibility, turnSeconds: $turnSeconds) { gameId } }', {
      opponent: second.username,
      ...options,
    });
    assert.equal(created.body.errors, undefined, JSON.stringify(created.body.errors));
    const id = (created.body.data?.createGame as { gameId: string }).gameId;
    const sizes = [itemSize(await storedGame(id))];
    // The invited player moves first.
    const players = [second, first];
    for (const [index, [heap, count]] of MOVES.entries()) {
      const moved = await players[index % 2].gql(MAKE_MOVE, { gameId: id, heap, count });
      assert.equal(moved.body.errors, undefined, JSON.stringify(moved.body.errors));
      sizes.push(itemSize(await storedGame(id)));
    }
    assert.equal((await storedGame(id)).status.S, 'FINISHED');
    return sizes;
  }

  // A changed game item changes what a move costs: take the new sizes into the profile's gameItemBytes.
  const expectSizes = (sizes: number[], profile: PlayAssumptions) => {
    assert.equal(MOVES.length, profile.movesPerGame);
    assert.deepEqual(sizes, profile.gameItemBytes);
  };

  test('the heaviest profile: an 8-move game with the longest usernames, public, timed, weighed at creation and after each move', async () => {
    expectSizes(await weighGame(LONGEST_NAME, { visibility: 'PUBLIC', turnSeconds: 604800 }), HEAVIEST_GAME);
    assert.equal(HEAVIEST_GAME.publicGame, true);
  }, 60_000);

  test('the typical profile: an 8-move game with 10-character usernames, private, untimed', async () => {
    expectSizes(await weighGame(TYPICAL_NAME, { visibility: 'PRIVATE', turnSeconds: null }), TYPICAL_GAME);
    assert.equal(TYPICAL_GAME.publicGame, false);
  }, 60_000);
});
