/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How the computer opponent plays. */
export type ComputerLevel =
  /** Perfect misère play (the nim-sum strategy): it wins every game it can. */
  | 'PERFECT'
  /** Any legal move, chosen at random. */
  | 'RANDOM';

export type EndReason =
  /** The loser took the last object. */
  | 'LAST_OBJECT_TAKEN'
  /** The loser gave up. */
  | 'RESIGNED'
  /** The loser missed the turn deadline. */
  | 'TIMEOUT';

export type GameStatus =
  | 'FINISHED'
  | 'IN_PROGRESS';

export type ItemSource =
  /** Found with addItem. */
  | 'FOUND'
  /** The prize for winning a game. */
  | 'GAME_WON';

export type ItemType =
  | 'ARMOR'
  | 'CLOTHING'
  | 'POTION'
  | 'WEAPON';

export type RegisterInput = {
  email: string;
  /** The character's height (1 to 1000). */
  height: number;
  /** At least 8 characters with an upper-case letter, a lower-case letter and a number. */
  password: string;
  /** E.164, e.g. +15555550100: game notifications are sent to it by SMS. */
  phoneNumber: string;
  username: string;
  /** The character's weight (1 to 10000). */
  weight: number;
};

/** Who may watch a game. */
export type Visibility =
  /** Only its two players may read it and follow its moves. */
  | 'PRIVATE'
  /** Any signed-in player may find it (publicGames), read it and follow its moves (onMove). */
  | 'PUBLIC';

export type ItemFieldsFragment = { itemId: string, type: ItemType, acquiredAt: string, source: ItemSource, properties: { attack: number | null, defense: number | null, charisma: number | null, healing: number | null } };

export type UserFieldsFragment = { username: string, height: number, weight: number, email: string | null, phoneNumber: string | null, createdAt: string, rating: number, stats: { gamesPlayed: number, gamesWon: number, gamesLost: number }, items: Array<{ itemId: string, type: ItemType, acquiredAt: string, source: ItemSource, properties: { attack: number | null, defense: number | null, charisma: number | null, healing: number | null } }> };

export type MoveFieldsFragment = { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string };

export type GameFieldsFragment = { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> };

export type GameBriefFragment = { gameId: string, heaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, version: number };

export type SessionFieldsFragment = { idToken: string, accessToken: string, refreshToken: string, expiresIn: number };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { username: string, height: number, weight: number, email: string | null, phoneNumber: string | null, createdAt: string, rating: number, stats: { gamesPlayed: number, gamesWon: number, gamesLost: number }, items: Array<{ itemId: string, type: ItemType, acquiredAt: string, source: ItemSource, properties: { attack: number | null, defense: number | null, charisma: number | null, healing: number | null } }> } | null };

export type ConfirmSignUpMutationVariables = Exact<{
  username: string;
  code: string;
}>;


export type ConfirmSignUpMutation = { confirmSignUp: boolean | null };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { idToken: string, accessToken: string, refreshToken: string, expiresIn: number } | null };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshSessionMutation = { refreshSession: { idToken: string, accessToken: string, refreshToken: string, expiresIn: number } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { username: string, height: number, weight: number, email: string | null, phoneNumber: string | null, createdAt: string, rating: number, stats: { gamesPlayed: number, gamesWon: number, gamesLost: number }, items: Array<{ itemId: string, type: ItemType, acquiredAt: string, source: ItemSource, properties: { attack: number | null, defense: number | null, charisma: number | null, healing: number | null } }> } | null };

export type GetUserQueryVariables = Exact<{
  username: string;
}>;


export type GetUserQuery = { getUser: { username: string, height: number, weight: number, email: string | null, phoneNumber: string | null, createdAt: string, rating: number, stats: { gamesPlayed: number, gamesWon: number, gamesLost: number }, items: Array<{ itemId: string, type: ItemType, acquiredAt: string, source: ItemSource, properties: { attack: number | null, defense: number | null, charisma: number | null, healing: number | null } }> } | null };

export type AddItemMutationVariables = Exact<{ [key: string]: never; }>;


export type AddItemMutation = { addItem: { itemId: string, type: ItemType, acquiredAt: string, source: ItemSource, properties: { attack: number | null, defense: number | null, charisma: number | null, healing: number | null } } | null };

export type MyGamesQueryVariables = Exact<{
  status?: GameStatus | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type MyGamesQuery = { myGames: { nextToken: string | null, items: Array<{ gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> }> } | null };

export type PublicGamesQueryVariables = Exact<{
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type PublicGamesQuery = { publicGames: { nextToken: string | null, items: Array<{ gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> }> } | null };

export type GetGameQueryVariables = Exact<{
  gameId: string | number;
}>;


export type GetGameQuery = { getGame: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type CreateGameMutationVariables = Exact<{
  opponent: string;
  heaps?: Array<number> | number | null | undefined;
  visibility?: Visibility | null | undefined;
  turnSeconds?: number | null | undefined;
}>;


export type CreateGameMutation = { createGame: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type CreateComputerGameMutationVariables = Exact<{
  computer: ComputerLevel;
  heaps?: Array<number> | number | null | undefined;
  turnSeconds?: number | null | undefined;
}>;


export type CreateComputerGameMutation = { createGame: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type HintQueryVariables = Exact<{
  gameId: string | number;
}>;


export type HintQuery = { hint: { winning: boolean, heap: number, count: number } | null };

export type MakeMoveMutationVariables = Exact<{
  gameId: string | number;
  heap: number;
  count: number;
}>;


export type MakeMoveMutation = { makeMove: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type ResignMutationVariables = Exact<{
  gameId: string | number;
}>;


export type ResignMutation = { resign: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type RematchMutationVariables = Exact<{
  gameId: string | number;
}>;


export type RematchMutation = { rematch: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type LeaderboardQueryVariables = Exact<{
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type LeaderboardQuery = { leaderboard: { nextToken: string | null, items: Array<{ username: string, rating: number }> } | null };

export type RateGameMutationVariables = Exact<{
  gameId: string | number;
}>;


export type RateGameMutation = { rateGame: boolean | null };

export type OnMoveSubscriptionVariables = Exact<{
  gameId: string | number;
}>;


export type OnMoveSubscription = { onMove: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type OnInviteSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnInviteSubscription = { onInvite: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export type CreateGameBriefMutationVariables = Exact<{
  opponent: string;
  heaps?: Array<number> | number | null | undefined;
}>;


export type CreateGameBriefMutation = { createGame: { gameId: string, heaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, version: number } | null };

export type MakeMoveBriefMutationVariables = Exact<{
  gameId: string | number;
  heap: number;
  count: number;
}>;


export type MakeMoveBriefMutation = { makeMove: { gameId: string, heaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, version: number } | null };

export type OnMoveBriefSubscriptionVariables = Exact<{
  gameId: string | number;
}>;


export type OnMoveBriefSubscription = { onMove: { gameId: string, heaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, version: number } | null };

export type TimeOutGameMutationVariables = Exact<{
  gameId: string | number;
  version: number;
}>;


export type TimeOutGameMutation = { timeOutGame: { gameId: string, player1: string, player2: string, computer: ComputerLevel | null, visibility: Visibility, players: Array<string>, heaps: Array<number>, initialHeaps: Array<number>, status: GameStatus, turn: string | null, winner: string | null, loser: string | null, endReason: EndReason | null, turnSeconds: number | null, turnDeadline: string | null, version: number, createdAt: string, updatedAt: string, rematchOf: string | null, rematchGameId: string | null, lastMove: { number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string } | null, moves: Array<{ number: number, player: string, heap: number, count: number, heapsAfter: Array<number>, at: string }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ItemFieldsFragmentDoc = new TypedDocumentString(`
    fragment ItemFields on Item {
  itemId
  type
  properties {
    attack
    defense
    charisma
    healing
  }
  acquiredAt
  source
}
    `, {"fragmentName":"ItemFields"}) as unknown as TypedDocumentString<ItemFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserFields on User {
  username
  height
  weight
  email
  phoneNumber
  createdAt
  rating
  stats {
    gamesPlayed
    gamesWon
    gamesLost
  }
  items {
    ...ItemFields
  }
}
    fragment ItemFields on Item {
  itemId
  type
  properties {
    attack
    defense
    charisma
    healing
  }
  acquiredAt
  source
}`, {"fragmentName":"UserFields"}) as unknown as TypedDocumentString<UserFieldsFragment, unknown>;
export const MoveFieldsFragmentDoc = new TypedDocumentString(`
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
    `, {"fragmentName":"MoveFields"}) as unknown as TypedDocumentString<MoveFieldsFragment, unknown>;
export const GameFieldsFragmentDoc = new TypedDocumentString(`
    fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}`, {"fragmentName":"GameFields"}) as unknown as TypedDocumentString<GameFieldsFragment, unknown>;
export const GameBriefFragmentDoc = new TypedDocumentString(`
    fragment GameBrief on Game {
  gameId
  heaps
  status
  turn
  winner
  loser
  version
}
    `, {"fragmentName":"GameBrief"}) as unknown as TypedDocumentString<GameBriefFragment, unknown>;
export const SessionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SessionFields on AuthSession {
  idToken
  accessToken
  refreshToken
  expiresIn
}
    `, {"fragmentName":"SessionFields"}) as unknown as TypedDocumentString<SessionFieldsFragment, unknown>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($input: RegisterInput!) {
  register(input: $input) {
    ...UserFields
  }
}
    fragment ItemFields on Item {
  itemId
  type
  properties {
    attack
    defense
    charisma
    healing
  }
  acquiredAt
  source
}
fragment UserFields on User {
  username
  height
  weight
  email
  phoneNumber
  createdAt
  rating
  stats {
    gamesPlayed
    gamesWon
    gamesLost
  }
  items {
    ...ItemFields
  }
}`) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const ConfirmSignUpDocument = new TypedDocumentString(`
    mutation ConfirmSignUp($username: String!, $code: String!) {
  confirmSignUp(username: $username, code: $code)
}
    `) as unknown as TypedDocumentString<ConfirmSignUpMutation, ConfirmSignUpMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    ...SessionFields
  }
}
    fragment SessionFields on AuthSession {
  idToken
  accessToken
  refreshToken
  expiresIn
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    ...SessionFields
  }
}
    fragment SessionFields on AuthSession {
  idToken
  accessToken
  refreshToken
  expiresIn
}`) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...UserFields
  }
}
    fragment ItemFields on Item {
  itemId
  type
  properties {
    attack
    defense
    charisma
    healing
  }
  acquiredAt
  source
}
fragment UserFields on User {
  username
  height
  weight
  email
  phoneNumber
  createdAt
  rating
  stats {
    gamesPlayed
    gamesWon
    gamesLost
  }
  items {
    ...ItemFields
  }
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const GetUserDocument = new TypedDocumentString(`
    query GetUser($username: String!) {
  getUser(username: $username) {
    ...UserFields
  }
}
    fragment ItemFields on Item {
  itemId
  type
  properties {
    attack
    defense
    charisma
    healing
  }
  acquiredAt
  source
}
fragment UserFields on User {
  username
  height
  weight
  email
  phoneNumber
  createdAt
  rating
  stats {
    gamesPlayed
    gamesWon
    gamesLost
  }
  items {
    ...ItemFields
  }
}`) as unknown as TypedDocumentString<GetUserQuery, GetUserQueryVariables>;
export const AddItemDocument = new TypedDocumentString(`
    mutation AddItem {
  addItem {
    ...ItemFields
  }
}
    fragment ItemFields on Item {
  itemId
  type
  properties {
    attack
    defense
    charisma
    healing
  }
  acquiredAt
  source
}`) as unknown as TypedDocumentString<AddItemMutation, AddItemMutationVariables>;
export const MyGamesDocument = new TypedDocumentString(`
    query MyGames($status: GameStatus, $limit: Int, $nextToken: String) {
  myGames(status: $status, limit: $limit, nextToken: $nextToken) {
    items {
      ...GameFields
    }
    nextToken
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<MyGamesQuery, MyGamesQueryVariables>;
export const PublicGamesDocument = new TypedDocumentString(`
    query PublicGames($limit: Int, $nextToken: String) {
  publicGames(limit: $limit, nextToken: $nextToken) {
    items {
      ...GameFields
    }
    nextToken
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<PublicGamesQuery, PublicGamesQueryVariables>;
export const GetGameDocument = new TypedDocumentString(`
    query GetGame($gameId: ID!) {
  getGame(gameId: $gameId) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<GetGameQuery, GetGameQueryVariables>;
export const CreateGameDocument = new TypedDocumentString(`
    mutation CreateGame($opponent: String!, $heaps: [Int!], $visibility: Visibility, $turnSeconds: Int) {
  createGame(
    opponent: $opponent
    heaps: $heaps
    visibility: $visibility
    turnSeconds: $turnSeconds
  ) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<CreateGameMutation, CreateGameMutationVariables>;
export const CreateComputerGameDocument = new TypedDocumentString(`
    mutation CreateComputerGame($computer: ComputerLevel!, $heaps: [Int!], $turnSeconds: Int) {
  createGame(computer: $computer, heaps: $heaps, turnSeconds: $turnSeconds) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<CreateComputerGameMutation, CreateComputerGameMutationVariables>;
export const HintDocument = new TypedDocumentString(`
    query Hint($gameId: ID!) {
  hint(gameId: $gameId) {
    winning
    heap
    count
  }
}
    `) as unknown as TypedDocumentString<HintQuery, HintQueryVariables>;
export const MakeMoveDocument = new TypedDocumentString(`
    mutation MakeMove($gameId: ID!, $heap: Int!, $count: Int!) {
  makeMove(gameId: $gameId, heap: $heap, count: $count) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<MakeMoveMutation, MakeMoveMutationVariables>;
export const ResignDocument = new TypedDocumentString(`
    mutation Resign($gameId: ID!) {
  resign(gameId: $gameId) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<ResignMutation, ResignMutationVariables>;
export const RematchDocument = new TypedDocumentString(`
    mutation Rematch($gameId: ID!) {
  rematch(gameId: $gameId) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<RematchMutation, RematchMutationVariables>;
export const LeaderboardDocument = new TypedDocumentString(`
    query Leaderboard($limit: Int, $nextToken: String) {
  leaderboard(limit: $limit, nextToken: $nextToken) {
    items {
      username
      rating
    }
    nextToken
  }
}
    `) as unknown as TypedDocumentString<LeaderboardQuery, LeaderboardQueryVariables>;
export const RateGameDocument = new TypedDocumentString(`
    mutation RateGame($gameId: ID!) {
  rateGame(gameId: $gameId)
}
    `) as unknown as TypedDocumentString<RateGameMutation, RateGameMutationVariables>;
export const OnMoveDocument = new TypedDocumentString(`
    subscription OnMove($gameId: ID!) {
  onMove(gameId: $gameId) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<OnMoveSubscription, OnMoveSubscriptionVariables>;
export const OnInviteDocument = new TypedDocumentString(`
    subscription OnInvite {
  onInvite {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<OnInviteSubscription, OnInviteSubscriptionVariables>;
export const CreateGameBriefDocument = new TypedDocumentString(`
    mutation CreateGameBrief($opponent: String!, $heaps: [Int!]) {
  createGame(opponent: $opponent, heaps: $heaps) {
    ...GameBrief
  }
}
    fragment GameBrief on Game {
  gameId
  heaps
  status
  turn
  winner
  loser
  version
}`) as unknown as TypedDocumentString<CreateGameBriefMutation, CreateGameBriefMutationVariables>;
export const MakeMoveBriefDocument = new TypedDocumentString(`
    mutation MakeMoveBrief($gameId: ID!, $heap: Int!, $count: Int!) {
  makeMove(gameId: $gameId, heap: $heap, count: $count) {
    ...GameBrief
  }
}
    fragment GameBrief on Game {
  gameId
  heaps
  status
  turn
  winner
  loser
  version
}`) as unknown as TypedDocumentString<MakeMoveBriefMutation, MakeMoveBriefMutationVariables>;
export const OnMoveBriefDocument = new TypedDocumentString(`
    subscription OnMoveBrief($gameId: ID!) {
  onMove(gameId: $gameId) {
    ...GameBrief
  }
}
    fragment GameBrief on Game {
  gameId
  heaps
  status
  turn
  winner
  loser
  version
}`) as unknown as TypedDocumentString<OnMoveBriefSubscription, OnMoveBriefSubscriptionVariables>;
export const TimeOutGameDocument = new TypedDocumentString(`
    mutation TimeOutGame($gameId: ID!, $version: Int!) {
  timeOutGame(gameId: $gameId, version: $version) {
    ...GameFields
  }
}
    fragment MoveFields on Move {
  number
  player
  heap
  count
  heapsAfter
  at
}
fragment GameFields on Game {
  gameId
  player1
  player2
  computer
  visibility
  players
  heaps
  initialHeaps
  status
  turn
  winner
  loser
  endReason
  turnSeconds
  turnDeadline
  version
  createdAt
  updatedAt
  rematchOf
  rematchGameId
  lastMove {
    ...MoveFields
  }
  moves {
    ...MoveFields
  }
}`) as unknown as TypedDocumentString<TimeOutGameMutation, TimeOutGameMutationVariables>;