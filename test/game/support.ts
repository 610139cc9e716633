/** Helpers for the game API tests: the real API description served by the local engine, in memory. */
import { randomBytes } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDynamoClient } from '../../local/dynamodb/client.js';
import type { RunningEngine } from '../../local/index.js';
import { client, startTestEngine, type GraphQLAnswer } from '../support/engine.js';

export type Gql = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

export interface Player {
  username: string;
  password: string;
  phoneNumber: string;
  email: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  gql: Gql;
}

export interface OutboxEntry {
  id: string;
  topicArn?: string;
  phoneNumber?: string;
  message: string;
  attributes: Record<string, string>;
  recipient?: string;
}

export async function startGameEngine(log: (line: string) => void = () => {}): Promise<RunningEngine> {
  return startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: false, log });
}

export function publicClient(engine: RunningEngine): Gql {
  return client(engine, { 'x-api-key': engine.apiKey });
}

let phoneCounter = 0;

/** A fresh phone number per player, so each player's SMS can be told apart in the outbox. */
export function newPhoneNumber(): string {
  phoneCounter += 1;
  const suffix = `${process.pid % 1000}${String(phoneCounter).padStart(4, '0')}`;
  return `+1555${suffix.padStart(7, '0')}`;
}

/** A username no other test run uses (the engine may share a DynamoDB between runs). */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(3).toString('hex')}`;
}

export const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { username height weight email phoneNumber items { itemId } stats { gamesPlayed gamesWon gamesLost } createdAt }
}`;
export const LOGIN = 'mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { idToken accessToken refreshToken expiresIn } }';

export async function registerPlayer(engine: RunningEngine, username: string, extra: Partial<{ height: number; weight: number }> = {}): Promise<Player> {
  const gql = publicClient(engine);
  const password = 'Mypassword1';
  const phoneNumber = newPhoneNumber();
  const email = `${username}@example.com`;
  const registered = await gql(REGISTER, { input: { username, password, email, phoneNumber, height: extra.height ?? 70, weight: extra.weight ?? 200 } });
  if (registered.body.errors) throw new Error(`register ${username}: ${JSON.stringify(registered.body.errors)}`);
  const login = await gql(LOGIN, { username, password });
  if (login.body.errors) throw new Error(`login ${username}: ${JSON.stringify(login.body.errors)}`);
  const session = login.body.data?.login as { idToken: string; accessToken: string; refreshToken: string };
  return { username, password, phoneNumber, email, ...session, gql: client(engine, { authorization: session.idToken }) };
}

/** A game engine with freshly registered players, one per prefix (e.g. two to play and one outside the game). */
export async function startGameWithPlayers(...prefixes: string[]): Promise<{ engine: RunningEngine; players: Player[] }> {
  const engine = await startGameEngine();
  const players: Player[] = [];
  for (const prefix of prefixes) players.push(await registerPlayer(engine, uniqueName(prefix)));
  return { engine, players };
}

/** Closes the sockets a test file opened, then its engine. */
export async function stopGameEngine(engine: RunningEngine | undefined, sockets: Array<{ close(): void }> = []): Promise<void> {
  for (const socket of sockets) socket.close();
  await engine?.close();
}

/** Notifications are sent asynchronously (Lambda Event invocations): wait for them before reading. */
export async function readOutbox(engine: RunningEngine, recipient: string): Promise<OutboxEntry[]> {
  await engine.settled();
  const response = await fetch(`${engine.outboxUrl}?recipient=${encodeURIComponent(recipient)}`);
  return (await response.json()) as OutboxEntry[];
}

/** The errorType of each error of an answer. */
export function errorTypes(answer: GraphQLAnswer): Array<string | undefined> {
  return (answer.body.errors ?? []).map((error) => error.errorType as string | undefined);
}

export const GAME_FIELDS = `gameId player1 player2 players heaps initialHeaps status turn winner loser endReason version createdAt updatedAt
  moves { number player heap count heapsAfter at }`;

export interface GameView {
  gameId: string;
  player1: string;
  player2: string;
  players: string[];
  heaps: number[];
  initialHeaps: number[];
  status: 'IN_PROGRESS' | 'FINISHED';
  turn: string | null;
  winner: string | null;
  loser: string | null;
  endReason: string | null;
  version: number;
  moves: Array<{ number: number; player: string; heap: number; count: number; heapsAfter: number[]; at: string }>;
}

export const CREATE_GAME = `mutation Create($opponent: String!, $heaps: [Int!]) { createGame(opponent: $opponent, heaps: $heaps) { ${GAME_FIELDS} } }`;
export const MAKE_MOVE = `mutation Move($gameId: ID!, $heap: Int!, $count: Int!) { makeMove(gameId: $gameId, heap: $heap, count: $count) { ${GAME_FIELDS} } }`;
export const RESIGN = `mutation Resign($gameId: ID!) { resign(gameId: $gameId) { ${GAME_FIELDS} } }`;
export const GET_GAME = `query Get($gameId: ID!) { getGame(gameId: $gameId) { ${GAME_FIELDS} } }`;

export async function createGame(creator: Player, opponent: string, heaps?: number[]): Promise<GameView> {
  const answer = await creator.gql(CREATE_GAME, { opponent, heaps });
  if (answer.body.errors) throw new Error(`createGame: ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data?.createGame as GameView;
}

export async function getGame(player: Player, gameId: string): Promise<GameView> {
  const answer = await player.gql(GET_GAME, { gameId });
  if (answer.body.errors) throw new Error(`getGame: ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data?.getGame as GameView;
}

/** The heaps a game's move history leads to, replayed from its initial heaps. */
export function replayedHeaps(game: GameView): number[] {
  return game.moves.reduce((heaps, m) => heaps.map((h, i) => (i === m.heap - 1 ? h - m.count : h)), game.initialHeaps.slice());
}

/** Where a test reads and writes player records behind the API's back: a DynamoDB endpoint and the physical players table. */
export interface PlayerStore {
  endpoint: string;
  table: string;
}

/** A player's record as stored (strongly consistent); string sets come back as Sets. */
export async function storedPlayer(store: PlayerStore, username: string): Promise<Record<string, unknown>> {
  const dynamo = createDynamoClient(store.endpoint);
  try {
    const answer = await dynamo.send(new GetItemCommand({ TableName: store.table, Key: { username: { S: username } }, ConsistentRead: true }));
    return unmarshall(answer.Item!);
  } finally {
    dynamo.destroy();
  }
}

/** A game's item as stored (strongly consistent). */
export async function storedGame(engine: RunningEngine, gameId: string): Promise<Record<string, unknown>> {
  const dynamo = createDynamoClient(engine.dynamodbEndpoint);
  try {
    const answer = await dynamo.send(new GetItemCommand({ TableName: engine.tableNames.games, Key: { gameId: { S: gameId } }, ConsistentRead: true }));
    return unmarshall(answer.Item!);
  } finally {
    dynamo.destroy();
  }
}

/** One UpdateItem on a player's record, as something other than the API would write it. */
export async function updateStoredPlayer(store: PlayerStore, username: string, expression: string, values?: Record<string, AttributeValue>, names?: Record<string, string>): Promise<void> {
  const dynamo = createDynamoClient(store.endpoint);
  try {
    await dynamo.send(new UpdateItemCommand({ TableName: store.table, Key: { username: { S: username } }, UpdateExpression: expression, ExpressionAttributeValues: values, ExpressionAttributeNames: names }));
  } finally {
    dynamo.destroy();
  }
}

/** A game `winner` wins by `loser` resigning; its gameId. */
export async function winByResignation(winner: Player, loser: Player): Promise<string> {
  const game = await createGame(winner, loser.username);
  const resigned = await loser.gql(RESIGN, { gameId: game.gameId });
  if (resigned.body.errors) throw new Error(`resign: ${JSON.stringify(resigned.body.errors)}`);
  return game.gameId;
}
