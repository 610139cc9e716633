/**
 * Seed 001 over GraphQL: two players, a game of 5/4/5, theseconduser takes heap 1 down to 3 and
 * the same move again is refused; games played to the end (whoever takes the last object loses),
 * rewards, stats, resignations, every game error, myGames, and the notifications in the outbox.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { DeleteItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RunningEngine } from '../../local/index.js';
import { createDynamoClient } from '../../local/dynamodb/client.js';
import { suggestMove } from '../../game/nim.js';
import {
  CREATE_GAME,
  GET_GAME,
  MAKE_MOVE,
  RESIGN,
  createGame,
  errorTypes,
  getGame,
  publicClient,
  readOutbox,
  registerPlayer,
  replayedHeaps,
  startGameEngine,
  storedGame,
  uniqueName,
  type GameView,
  type Player,
} from './support.js';

let engine: RunningEngine;
let first: Player;
let second: Player;
let stranger: Player;
beforeAll(async () => {
  engine = await startGameEngine();
  first = await registerPlayer(engine, uniqueName('myfirstuser'));
  second = await registerPlayer(engine, uniqueName('theseconduser'));
  stranger = await registerPlayer(engine, uniqueName('stranger'));
});
afterAll(() => engine.close());

async function move(player: Player, gameId: string, heap: number, count: number) {
  return player.gql(MAKE_MOVE, { gameId, heap, count });
}

async function stats(username: string) {
  const answer = await publicClient(engine)('query U($u: String!) { getUser(username: $u) { stats { gamesPlayed gamesWon gamesLost } items { source } } }', { u: username });
  return answer.body.data?.getUser as { stats: { gamesPlayed: number; gamesWon: number; gamesLost: number }; items: Array<{ source: string }> };
}

/** Plays a whole game with each player taking what the strategy suggests; returns the final game. */
async function playToTheEnd(game: GameView, players: Record<string, Player>): Promise<{ final: GameView; lastMover: string }> {
  let current = game;
  let lastMover = '';
  for (let turn = 0; current.status === 'IN_PROGRESS'; turn += 1) {
    assert.ok(turn < 100, 'a game ends');
    const mover = players[current.turn!];
    const choice = suggestMove(current.heaps)!;
    const answer = await move(mover, current.gameId, choice.heap, choice.count);
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    current = answer.body.data?.makeMove as GameView;
    lastMover = mover.username;
  }
  return { final: current, lastMover };
}

function assertHistoryMatchesHeaps(game: GameView): void {
  assert.deepEqual(replayedHeaps(game), game.heaps, 'the move history replays to the heaps');
  game.moves.forEach((m, i) => {
    assert.equal(m.number, i + 1);
    const before = i === 0 ? game.initialHeaps : game.moves[i - 1].heapsAfter;
    assert.deepEqual(m.heapsAfter, before.map((h, j) => (j === m.heap - 1 ? h - m.count : h)));
  });
  assert.equal(game.version, 1 + game.moves.length + (game.endReason === 'RESIGNED' ? 1 : 0));
}

describe('seed 001 walk-through', () => {
  test('a 5/4/5 game; theseconduser takes heap 1 down to 3; the same move again is refused and changes nothing', async () => {
    const game = await createGame(first, second.username);
    assert.deepEqual(game.heaps, [5, 4, 5]);
    assert.equal(game.player1, first.username);
    assert.equal(game.player2, second.username);
    assert.equal(game.turn, second.username, 'the invited player moves first, as in the seed');
    assert.equal(game.status, 'IN_PROGRESS');
    assert.deepEqual(game.moves, []);

    const moved = await move(second, game.gameId, 1, 2);
    assert.equal(moved.body.errors, undefined, JSON.stringify(moved.body.errors));
    const after = moved.body.data?.makeMove as GameView;
    assert.deepEqual(after.heaps, [3, 4, 5]);
    assert.equal(after.turn, first.username);
    assert.equal(after.moves.length, 1);
    assert.deepEqual({ ...after.moves[0], at: undefined }, { number: 1, player: second.username, heap: 1, count: 2, heapsAfter: [3, 4, 5], at: undefined });

    const again = await move(second, game.gameId, 1, 2);
    assert.equal(again.body.data?.makeMove, null);
    assert.deepEqual(errorTypes(again), ['NotYourTurn']);
    const stored = await getGame(first, game.gameId);
    assert.deepEqual(stored.heaps, [3, 4, 5]);
    assert.equal(stored.version, after.version);
    assert.equal(stored.moves.length, 1);
  });
});

describe('games played to the end', () => {
  test('whoever takes the last object loses; the winner gets an item; both players\' stats change', async () => {
    const a = await registerPlayer(engine, uniqueName('alpha'));
    const b = await registerPlayer(engine, uniqueName('beta'));
    const game = await createGame(a, b.username, [1, 1]);
    const firstMove = (await move(b, game.gameId, 1, 1)).body.data?.makeMove as GameView;
    assert.equal(firstMove.status, 'IN_PROGRESS');
    const last = await move(a, game.gameId, 2, 1);
    const final = last.body.data?.makeMove as GameView;
    assert.equal(final.status, 'FINISHED');
    assert.equal(final.loser, a.username, 'alpha took the last object and loses');
    assert.equal(final.winner, b.username);
    assert.equal(final.endReason, 'LAST_OBJECT_TAKEN');
    assert.equal(final.turn, null);
    assertHistoryMatchesHeaps(final);

    const winner = await stats(b.username);
    const loser = await stats(a.username);
    assert.deepEqual(winner.stats, { gamesPlayed: 1, gamesWon: 1, gamesLost: 0 });
    assert.deepEqual(loser.stats, { gamesPlayed: 1, gamesWon: 0, gamesLost: 1 });
    assert.deepEqual(winner.items.map((i) => i.source), ['GAME_WON']);
    assert.deepEqual(loser.items, []);

    const tooLate = await move(b, game.gameId, 1, 1);
    assert.deepEqual(errorTypes(tooLate), ['GameOver']);
  });

  test('full 5/4/5 games end with the last mover losing and a history that replays to the heaps', async () => {
    for (const [creator, invited] of [
      [first, second],
      [second, first],
    ]) {
      const game = await createGame(creator, invited.username);
      const { final, lastMover } = await playToTheEnd(game, { [first.username]: first, [second.username]: second });
      assert.deepEqual(final.heaps, [0, 0, 0]);
      assert.equal(final.loser, lastMover);
      assert.equal(final.winner, lastMover === first.username ? second.username : first.username);
      assertHistoryMatchesHeaps(final);
      assert.deepEqual(await getGame(invited, game.gameId), final, 'what the mutation answered is what is stored');
    }
  });

  test('resign: the resigning player loses at once, on either turn', async () => {
    const a = await registerPlayer(engine, uniqueName('quitter'));
    const b = await registerPlayer(engine, uniqueName('stayer'));
    const game = await createGame(a, b.username);
    const resigned = await a.gql(RESIGN, { gameId: game.gameId });
    assert.equal(resigned.body.errors, undefined, JSON.stringify(resigned.body.errors));
    const final = resigned.body.data?.resign as GameView;
    assert.equal(final.status, 'FINISHED');
    assert.equal(final.loser, a.username);
    assert.equal(final.winner, b.username);
    assert.equal(final.endReason, 'RESIGNED');
    assert.deepEqual(final.heaps, [5, 4, 5]);
    assert.deepEqual((await stats(b.username)).stats, { gamesPlayed: 1, gamesWon: 1, gamesLost: 0 });
    assert.deepEqual((await stats(a.username)).stats, { gamesPlayed: 1, gamesWon: 0, gamesLost: 1 });
    assert.deepEqual(errorTypes(await b.gql(RESIGN, { gameId: game.gameId })), ['GameOver']);
    assert.deepEqual(errorTypes(await move(b, game.gameId, 1, 1)), ['GameOver']);
  });
});

describe('game errors (nothing is written when a request fails)', () => {
  test('NotAPlayer: a stranger may neither move, resign nor look', async () => {
    const game = await createGame(first, second.username);
    assert.deepEqual(errorTypes(await move(stranger, game.gameId, 1, 1)), ['NotAPlayer']);
    assert.deepEqual(errorTypes(await stranger.gql(RESIGN, { gameId: game.gameId })), ['NotAPlayer']);
    const look = await stranger.gql(GET_GAME, { gameId: game.gameId });
    assert.equal(look.body.data?.getGame, null);
    assert.deepEqual(errorTypes(look), ['NotAPlayer']);
    const stored = await getGame(second, game.gameId);
    assert.equal(stored.version, 1);
    assert.equal(stored.status, 'IN_PROGRESS');
  });

  test('InvalidMove: no heap, nothing taken, more than the heap holds', async () => {
    const game = await createGame(first, second.username);
    for (const [heap, count] of [
      [4, 1],
      [0, 1],
      [1, 0],
      [1, -2],
      [2, 5],
    ]) {
      const answer = await move(second, game.gameId, heap, count);
      assert.deepEqual(errorTypes(answer), ['InvalidMove'], `heap ${heap} count ${count}`);
    }
    const stored = await getGame(second, game.gameId);
    assert.deepEqual(stored.heaps, [5, 4, 5]);
    assert.equal(stored.version, 1);
  });

  test('GameNotFound for an unknown game', async () => {
    const unknown = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    assert.deepEqual(errorTypes(await move(first, unknown, 1, 1)), ['GameNotFound']);
    assert.deepEqual(errorTypes(await first.gql(GET_GAME, { gameId: unknown })), ['GameNotFound']);
    assert.deepEqual(errorTypes(await first.gql(RESIGN, { gameId: unknown })), ['GameNotFound']);
  });

  test('UserNotFound for an opponent who does not exist; InvalidGame for yourself or bad heaps', async () => {
    assert.deepEqual(errorTypes(await first.gql(CREATE_GAME, { opponent: uniqueName('ghost') })), ['UserNotFound']);
    assert.deepEqual(errorTypes(await first.gql(CREATE_GAME, { opponent: first.username })), ['InvalidGame']);
    assert.deepEqual(errorTypes(await first.gql(CREATE_GAME, { opponent: second.username, heaps: [0, 3] })), ['InvalidGame']);
    assert.deepEqual(errorTypes(await first.gql(CREATE_GAME, { opponent: second.username, heaps: [1, 1, 1, 1, 1, 1] })), ['InvalidGame']);
  });
});

describe('myGames', () => {
  const MY_GAMES = 'query Mine($status: GameStatus, $limit: Int, $nextToken: String) { myGames(status: $status, limit: $limit, nextToken: $nextToken) { items { gameId status player1 player2 } nextToken } }';

  test('lists the caller\'s games in either seat, newest first, page by page, filtered by status', async () => {
    const me = await registerPlayer(engine, uniqueName('lister'));
    const x = await registerPlayer(engine, uniqueName('rivalx'));
    const y = await registerPlayer(engine, uniqueName('rivaly'));
    const created: string[] = [];
    for (const [creator, opponent] of [
      [me, x],
      [y, me],
      [me, y],
      [x, me],
      [x, y],
    ] as Array<[Player, Player]>) {
      created.push((await createGame(creator, opponent.username)).gameId);
    }
    const mine = created.filter((_, i) => i !== 4).reverse();
    await me.gql(RESIGN, { gameId: created[1] });

    const all = await me.gql(MY_GAMES, {});
    const listed = all.body.data?.myGames as { items: Array<{ gameId: string }>; nextToken: string | null };
    assert.deepEqual(listed.items.map((g) => g.gameId), mine);
    assert.equal(listed.nextToken, null);

    const paged: string[] = [];
    let nextToken: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const answer = await me.gql(MY_GAMES, { limit: 2, nextToken });
      const connection = answer.body.data?.myGames as { items: Array<{ gameId: string }>; nextToken: string | null };
      assert.ok(connection.items.length <= 2);
      paged.push(...connection.items.map((g) => g.gameId));
      nextToken = connection.nextToken;
      if (nextToken === null) break;
    }
    assert.deepEqual(paged, mine);

    const finished = (await me.gql(MY_GAMES, { status: 'FINISHED' })).body.data?.myGames as { items: Array<{ gameId: string; status: string }> };
    assert.deepEqual(finished.items.map((g) => g.gameId), [created[1]]);
    const playing = (await me.gql(MY_GAMES, { status: 'IN_PROGRESS' })).body.data?.myGames as { items: Array<{ gameId: string }> };
    assert.deepEqual(playing.items.map((g) => g.gameId), mine.filter((id) => id !== created[1]));
  });

  test('InvalidInput for a limit out of range or a made-up nextToken', async () => {
    assert.deepEqual(errorTypes(await first.gql(MY_GAMES, { limit: 0 })), ['InvalidInput']);
    assert.deepEqual(errorTypes(await first.gql(MY_GAMES, { limit: 51 })), ['InvalidInput']);
    assert.deepEqual(errorTypes(await first.gql(MY_GAMES, { nextToken: 'bm90IGEgdG9rZW4=' })), ['InvalidInput']);
  });
});

describe('notifications', () => {
  test('invite, your turn and game over reach the players by SMS and the topic, with event and recipient attributes', async () => {
    const a = await registerPlayer(engine, uniqueName('inviter'));
    const b = await registerPlayer(engine, uniqueName('invitee'));
    const game = await createGame(a, b.username, [1, 2]);

    const invite = (await readOutbox(engine, b.phoneNumber)).filter((m) => m.message.includes(game.gameId));
    assert.equal(invite.length, 1);
    assert.match(invite[0].message, new RegExp(`${a.username} invited you`));
    const topicInvite = (await readOutbox(engine, b.username)).filter((m) => m.message.includes(game.gameId));
    assert.equal(topicInvite.length, 1);
    assert.ok(topicInvite[0].topicArn);
    assert.equal(topicInvite[0].attributes.event, 'GAME_INVITE');
    assert.equal(topicInvite[0].attributes.recipient, b.username);
    assert.equal((await readOutbox(engine, a.phoneNumber)).length, 0, 'the inviter gets nothing yet');

    await move(b, game.gameId, 2, 1);
    const turn = (await readOutbox(engine, a.phoneNumber)).filter((m) => m.message.includes(game.gameId));
    assert.equal(turn.length, 1);
    assert.match(turn[0].message, /Your move/);
    assert.equal((await readOutbox(engine, a.username)).filter((m) => m.attributes.event === 'YOUR_TURN').length, 1);

    await move(a, game.gameId, 1, 1);
    await move(b, game.gameId, 2, 1); // b takes the last object and loses
    const overForA = (await readOutbox(engine, a.phoneNumber)).filter((m) => /^You won/.test(m.message));
    const overForB = (await readOutbox(engine, b.phoneNumber)).filter((m) => /^You lost/.test(m.message));
    assert.equal(overForA.length, 1);
    assert.equal(overForB.length, 1);
    for (const player of [a, b]) {
      const events = (await readOutbox(engine, player.username)).map((m) => m.attributes.event);
      assert.equal(events.filter((e) => e === 'GAME_OVER').length, 1, player.username);
    }
  });
});

describe('what a move reads', () => {
  test('a move needs only the game: the phone numbers were copied onto it when it was created', async () => {
    const a = await registerPlayer(engine, uniqueName('copied'));
    const b = await registerPlayer(engine, uniqueName('gone'));
    const game = await createGame(a, b.username);
    // Remove both profiles behind the API's back: a move that read them would find no phone number.
    const store = createDynamoClient(engine.dynamodbEndpoint);
    try {
      for (const player of [a, b]) await store.send(new DeleteItemCommand({ TableName: engine.tableNames.players, Key: { username: { S: player.username } } }));
    } finally {
      store.destroy();
    }
    const moved = await move(b, game.gameId, 1, 1);
    assert.equal(moved.body.errors, undefined, JSON.stringify(moved.body.errors));
    const sms = (await readOutbox(engine, a.phoneNumber)).filter((m) => m.message.includes(game.gameId) && m.message.startsWith('Your move'));
    assert.equal(sms.length, 1);
  });

  test('the game indexes hold keys only, so a move that does not end the game writes none of them', async () => {
    const a = await registerPlayer(engine, uniqueName('keys'));
    const b = await registerPlayer(engine, uniqueName('only'));
    const game = await createGame(a, b.username);
    await move(b, game.gameId, 1, 1);
    const store = createDynamoClient(engine.dynamodbEndpoint);
    try {
      for (const [index, key, value] of [['byPlayer2', 'player2', b.username], ['byPlayer1Status', 'player1Status', `${a.username}#IN_PROGRESS`]]) {
        const page = await store.send(
          new QueryCommand({ TableName: engine.tableNames.games, IndexName: index, KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': key }, ExpressionAttributeValues: { ':v': { S: value } } }),
        );
        assert.equal(page.Items?.length, 1, index);
        assert.deepEqual(Object.keys(page.Items![0]).sort(), ['gameId', key].sort(), index);
      }
    } finally {
      store.destroy();
    }
  });
});

describe('what a move writes', () => {
  test('each move is stored once, in the history: lastMove is its last entry, and a game stored with a copy loses it at its next move', async () => {
    const a = await registerPlayer(engine, uniqueName('history'));
    const b = await registerPlayer(engine, uniqueName('once'));
    const game = await createGame(a, b.username);
    const lastMoveOf = async (player: Player, request: string, variables: Record<string, unknown>) => {
      const answer = await player.gql(request, variables);
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      return Object.values(answer.body.data ?? {})[0] as GameView & { lastMove: GameView['moves'][number] | null };
    };
    const withLastMove = (request: string) => request.replace('moves {', 'lastMove { number player heap count heapsAfter at } moves {');
    const [get, makeMove] = [withLastMove(GET_GAME), withLastMove(MAKE_MOVE)];
    assert.equal((await lastMoveOf(a, get, { gameId: game.gameId })).lastMove, null);
    const moved = await lastMoveOf(b, makeMove, { gameId: game.gameId, heap: 1, count: 2 });
    assert.deepEqual(moved.lastMove, { number: 1, player: b.username, heap: 1, count: 2, heapsAfter: [3, 4, 5], at: moved.moves[0].at });
    assert.equal('lastMove' in (await storedGame(engine, game.gameId)), false);

    // A game written before: its stored copy is ignored, then removed by the next move.
    const store = createDynamoClient(engine.dynamodbEndpoint);
    try {
      const stale = { number: 1, player: b.username, heap: 3, count: 5, heapsAfter: [3, 4, 0], at: moved.moves[0].at };
      await store.send(new UpdateItemCommand({ TableName: engine.tableNames.games, Key: { gameId: { S: game.gameId } }, UpdateExpression: 'SET lastMove = :m', ExpressionAttributeValues: marshall({ ':m': stale }) }));
    } finally {
      store.destroy();
    }
    assert.deepEqual((await lastMoveOf(a, get, { gameId: game.gameId })).lastMove, moved.moves[0]);
    const next = await lastMoveOf(a, makeMove, { gameId: game.gameId, heap: 2, count: 1 });
    assert.deepEqual(next.lastMove, next.moves[1]);
    assert.equal(next.lastMove?.player, a.username);
    assert.equal('lastMove' in (await storedGame(engine, game.gameId)), false);
  });
});

describe('what a move stores', () => {
  test('heap, count and time in one string: number, player and heapsAfter are given back from the order, the first mover and the initial heaps; older games keep their moves as they were stored', async () => {
    const a = await registerPlayer(engine, uniqueName('short'));
    const b = await registerPlayer(engine, uniqueName('history'));
    const game = await createGame(a, b.username);
    assert.equal((await move(b, game.gameId, 1, 2)).body.errors, undefined);
    const answer = await move(a, game.gameId, 3, 5);
    const moves = (answer.body.data?.makeMove as GameView).moves;
    assert.deepEqual(
      moves.map(({ at: _at, ...m }) => m),
      [
        { number: 1, player: b.username, heap: 1, count: 2, heapsAfter: [3, 4, 5] },
        { number: 2, player: a.username, heap: 3, count: 5, heapsAfter: [3, 4, 0] },
      ],
    );
    const stored = await storedGame(engine, game.gameId);
    assert.equal(stored.firstMover, 2);
    assert.deepEqual(stored.moves, moves.map((m) => `${m.heap} ${m.count} ${m.at}`));
    assert.deepEqual((await getGame(b, game.gameId)).moves, moves);

    // A game whose moves were stored as maps of heap, count and time (before the string form) reads the same, and
    // its next move is stored as a string after them.
    const mapped = await createGame(a, b.username);
    const opening = ((await move(b, mapped.gameId, 2, 4)).body.data?.makeMove as GameView).moves[0];
    const storeMapped = createDynamoClient(engine.dynamodbEndpoint);
    try {
      await storeMapped.send(
        new UpdateItemCommand({
          TableName: engine.tableNames.games,
          Key: { gameId: { S: mapped.gameId } },
          UpdateExpression: 'SET moves = :moves',
          ExpressionAttributeValues: marshall({ ':moves': [{ heap: opening.heap, count: opening.count, at: opening.at }] }),
        }),
      );
    } finally {
      storeMapped.destroy();
    }
    assert.deepEqual((await getGame(b, mapped.gameId)).moves, [opening]);
    const both = ((await move(a, mapped.gameId, 1, 1)).body.data?.makeMove as GameView).moves;
    assert.deepEqual(both, [opening, { number: 2, player: a.username, heap: 1, count: 1, heapsAfter: [4, 0, 5], at: both[1].at }]);
    assert.deepEqual((await storedGame(engine, mapped.gameId)).moves, [{ heap: 2, count: 4, at: opening.at }, `1 1 ${both[1].at}`]);

    // A game stored before firstMover existed (every field in every move) goes on storing whole moves, and reads the same.
    const older = await createGame(a, b.username);
    const first = ((await move(b, older.gameId, 2, 4)).body.data?.makeMove as GameView).moves[0];
    const store = createDynamoClient(engine.dynamodbEndpoint);
    try {
      await store.send(
        new UpdateItemCommand({ TableName: engine.tableNames.games, Key: { gameId: { S: older.gameId } }, UpdateExpression: 'SET moves = :moves REMOVE firstMover', ExpressionAttributeValues: marshall({ ':moves': [first] }) }),
      );
    } finally {
      store.destroy();
    }
    const next = ((await move(a, older.gameId, 1, 1)).body.data?.makeMove as GameView).moves;
    assert.deepEqual(next[0], first);
    assert.deepEqual(next[1], { number: 2, player: a.username, heap: 1, count: 1, heapsAfter: [4, 0, 5], at: next[1].at });
    assert.deepEqual((await storedGame(engine, older.gameId)).moves, next);
  });
});

describe('a failed notification', () => {
  test('never fails or undoes the move', async () => {
    const a = await registerPlayer(engine, uniqueName('noisy'));
    const b = await registerPlayer(engine, uniqueName('quiet'));
    const game = await createGame(a, b.username);
    // The engine runs the notify function in this process: a wrong topic makes the topic publish fail.
    const savedTopic = process.env.TOPIC_ARN;
    process.env.TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:no-such-topic';
    try {
      const moved = await move(b, game.gameId, 1, 1);
      assert.equal(moved.body.errors, undefined, JSON.stringify(moved.body.errors));
      assert.deepEqual((moved.body.data?.makeMove as GameView).heaps, [4, 4, 5]);
      // The notification is sent asynchronously, after the answer: it must run under the wrong topic.
      await engine.settled();
    } finally {
      process.env.TOPIC_ARN = savedTopic;
    }
    assert.deepEqual((await getGame(a, game.gameId)).heaps, [4, 4, 5]);
    const topicNotices = (await readOutbox(engine, a.username)).filter((m) => m.message.includes(game.gameId) && m.message.startsWith('Your move'));
    assert.equal(topicNotices.length, 0, 'the topic notification really failed');
    // The SMS is a separate delivery and still reached the phone.
    const sms = (await readOutbox(engine, a.phoneNumber)).filter((m) => m.message.includes(game.gameId) && m.message.startsWith('Your move'));
    assert.equal(sms.length, 1);
  });
});
