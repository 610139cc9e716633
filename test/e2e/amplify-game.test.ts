/**
 * Real clients: aws-amplify v6 apps (one process each, all started from one bundle of amplify-player.ts), signed in
 * through the local Cognito provider with USER_PASSWORD_AUTH, play a whole game of Nim in userPool mode; each sees the
 * other's moves over `onMove`, the invited player sees the invite over `onInvite`, and a third player may not watch.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import type { RunningEngine } from '../../local/index.js';
import { startTestEngine } from '../support/engine.js';
import { bundleScript, type BundledScript } from '../support/bundled-script.js';
import { tracked } from '../support/child-processes.js';
import { CreateGameDocument, MakeMoveDocument, OnInviteDocument, OnMoveDocument, RegisterDocument, requestData, type TypedDocumentString } from '../../client/index.js';

type Reply = { id: number; ok: boolean; result?: unknown; error?: unknown };
type Event = { event: 'next' | 'error'; name: string; value: unknown };

class Player {
  private nextId = 1;
  private readonly replies = new Map<number, (reply: Reply) => void>();
  readonly events: Event[] = [];
  private wake: Array<() => void> = [];

  private constructor(
    readonly username: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: Reply | Event | { ready: true }) => {
      if ('id' in message) this.replies.get(message.id)?.(message);
      else if ('event' in message) {
        this.events.push(message);
        for (const wake of this.wake.splice(0)) wake();
      }
    });
  }

  static async launch(engine: RunningEngine, username: string, script: string): Promise<Player> {
    const child = tracked(
      fork(script, [], {
        env: { ...process.env, AMPLIFY_OUTPUTS: JSON.stringify(engine.amplifyOutputs), USER_POOL_ENDPOINT: engine.userPool!.endpoint },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      }),
    );
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    return new Player(username, child);
  }

  call(command: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (reply) => (reply.ok ? resolve(reply.result) : reject(new Error(JSON.stringify(reply.error)))));
      this.child.send({ id, ...command });
    });
  }

  async graphql<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const result = (await this.call({ op: 'graphql', query: document.toString(), variables })) as { data: TResult };
    return result.data;
  }

  subscribe<TResult, TVariables>(name: string, document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<unknown> {
    return this.call({ op: 'subscribe', name, query: document.toString(), variables });
  }

  /** The next subscription event named `name`, waiting up to 10 s. */
  async nextEvent(name: string): Promise<Event> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const index = this.events.findIndex((e) => e.name === name);
      if (index >= 0) return this.events.splice(index, 1)[0];
      if (Date.now() > deadline) throw new Error(`${this.username} saw no ${name} event`);
      await new Promise<void>((resolve) => {
        this.wake.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  stop(): void {
    this.child.kill();
  }
}

const password = 'Sup3rsecret';
let engine: RunningEngine;
let playerScript: BundledScript;
const players: Player[] = [];

async function register(username: string, phone: string): Promise<void> {
  const { register } = await requestData(
    engine.graphqlUrl,
    RegisterDocument,
    { input: { username, password, email: `${username}@example.com`, phoneNumber: phone, height: 70, weight: 160 } },
    { 'x-api-key': engine.apiKey },
  );
  assert.equal(register?.username, username);
}

beforeAll(async () => {
  // One bundle of the player's app for the three processes (see bundled-script.ts).
  playerScript = await bundleScript('test/e2e/amplify-player.ts');
  engine = await startTestEngine({ descriptionPath: 'api.ts', tablePrefix: `e2e${Date.now()}-` });
  await register('alice', '+15555550101');
  await register('bob', '+15555550102');
  await register('carol', '+15555550103');
});

afterAll(async () => {
  for (const player of players) player.stop();
  await engine?.close();
  playerScript?.remove();
});

test('two aws-amplify apps play a whole game and watch each other live', { timeout: 120_000 }, async () => {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((name) => Player.launch(engine, name, playerScript.path)));
  players.push(alice, bob, carol);
  for (const player of players) {
    const signedIn = (await player.call({ op: 'signIn', username: player.username, password })) as { isSignedIn: boolean };
    assert.equal(signedIn.isSignedIn, true);
  }

  // The invited player learns of the game live; the creator's own invite listener stays quiet.
  await bob.subscribe('invite', OnInviteDocument, {});
  await carol.subscribe('invite', OnInviteDocument, {});
  const { createGame } = await alice.graphql(CreateGameDocument, { opponent: 'bob' });
  assert.ok(createGame);
  assert.deepEqual(createGame.heaps, [5, 4, 5]);
  const invite = await bob.nextEvent('invite');
  assert.equal((invite.value as { data: { onInvite: { gameId: string } } }).data.onInvite.gameId, createGame.gameId);

  // Only the game's players may watch it.
  await alice.subscribe('moves', OnMoveDocument, { gameId: createGame.gameId });
  await bob.subscribe('moves', OnMoveDocument, { gameId: createGame.gameId });
  await assert.rejects(carol.subscribe('moves', OnMoveDocument, { gameId: createGame.gameId }), /Unauthorized|Not Authorized/);

  // Take one object at a time from the first non-empty heap until the game ends.
  let game = createGame;
  const byName = { alice, bob } as Record<string, Player>;
  let moves = 0;
  while (game.turn) {
    const mover = byName[game.turn];
    const watcher = mover === alice ? bob : alice;
    const heap = game.heaps.findIndex((h) => h > 0) + 1;
    const { makeMove } = await mover.graphql(MakeMoveDocument, { gameId: game.gameId, heap, count: 1 });
    assert.ok(makeMove);
    moves += 1;
    const seen = await watcher.nextEvent('moves');
    assert.deepEqual((seen.value as { data: { onMove: unknown } }).data.onMove, makeMove, `move ${moves}: the watcher saw something else`);
    // Enough to redraw the board without the history: the last move and the heaps after it.
    assert.deepEqual(makeMove.lastMove, { number: moves, player: mover.username, heap, count: 1, heapsAfter: makeMove.heaps, at: makeMove.lastMove?.at });
    assert.deepEqual(makeMove.moves.at(-1), makeMove.lastMove);
    await mover.nextEvent('moves'); // the mover's own subscription also receives it
    game = makeMove;
  }
  assert.equal(moves, 14);
  assert.equal(game.status, 'FINISHED');
  // 14 single-object moves: bob moves first (odd moves), so alice takes the 14th, last object and loses.
  assert.equal(game.loser, 'alice');
  assert.equal(game.winner, 'bob');
  assert.equal(carol.events.filter((e) => e.name === 'invite').length, 0, 'carol was not invited');
});
