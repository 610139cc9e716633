/**
 * The turnbase API, declared once: the local engine (`npm start`) serves it and the CDK app
 * deploys it. Resolvers are wired by their file names under `resolvers/` (see description/load.ts).
 *
 * Data model (two tables, every state change one conditional write, no transactions needed):
 * - `players`: one item per player, key `username`: profile, inventory (`items` list) and stats
 *   counters. Adding an item is one UpdateItem on that item; so is everything a finished game changes
 *   there (stats, prize, rating), which also marks the game settled so it is counted at most once per
 *   player. The marker is bounded: the `settled` string set of the latest games (at most
 *   SETTLED_WINDOW) and the set before it, rotated in that same write, with `forgottenBefore` for
 *   repairs of older games (resolvers/_lib/settle.ts); a record stays under PLAYER_RECORD_MAX_BYTES.
 *   The Elo rating is DEFAULT_RATING + `ratingPoints`, a counter changed by ADD (so two games ending
 *   at once both count). Rated players carry `board` = `ALL`, the partition of the sparse `byRating`
 *   index that serves the leaderboard.
 * - `games`: one item per game, key `gameId` (a ULID, so ids sort by creation time). The item holds
 *   both players, the heaps, whose turn it is, the whole move history (one `<heap> <count> <at>`
 *   string per move, resolvers/_lib/records.ts), a version counter and the
 *   players' phone numbers (copied at creation, so a move never reads the profiles): a move is one
 *   GetItem and one conditional UpdateItem. `myGames` must find a player's games in either slot, and
 *   an item appears only once per index, so there is one index per slot (`byPlayer1`, `byPlayer2`),
 *   both sorted by `gameId` (newest first when read backwards). The status filter has its own pair
 *   of indexes keyed by `player1Status` / `player2Status` (`<username>#<status>`), attributes the
 *   same move write updates when the game ends, so a page filtered by status is exact without a
 *   FilterExpression. The indexes hold keys only (KEYS_ONLY): their keys never change during a game
 *   (the status pair changes once, when it ends), so an ordinary move writes no index at all;
 *   `myGames` reads the page's games by key afterwards (one BatchGetItem).
 *   Public games (spectators) also carry `publicStatus` (`PUBLIC#IN_PROGRESS`), the key of the sparse
 *   `byPublicStatus` index: private games lack the attribute and never enter it, and the write that
 *   ends a public game removes it (one index write, a delete). `publicGames` queries that partition,
 *   newest first. One partition for all live public
 *   games is fine at this scale; sharding the key by a suffix is the way out if it ever gets hot.
 */
import { defineApi, type TableIndex } from './description/types.js';

function byPlayerIndex(partitionKey: string): TableIndex {
  return { partitionKey: { name: partitionKey, type: 'S' }, sortKey: { name: 'gameId', type: 'S' }, projection: 'KEYS_ONLY' };
}

export default defineApi({
  name: 'turnbase',
  schema: 'schema.graphql',
  resolversDir: 'resolvers',
  auth: {
    default: 'AMAZON_COGNITO_USER_POOLS',
    // AWS_IAM: the scheduler's turn-timeout function ends timed-out games through timeOutGame.
    additional: ['API_KEY', 'AWS_IAM'],
    apiKeyExpiresInDays: 365,
  },
  userPool: {
    name: 'turnbase-players',
    passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false },
    // Players are notified by SMS, so the phone number is required (seed 001).
    requiredAttributes: ['email', 'phone_number'],
    selfSignUp: true,
    // Where Cognito sends the sign-up code when SIGNUP_CONFIRMATION is CODE.
    autoVerify: ['email'],
    client: {
      name: 'turnbase-web',
      authFlows: ['ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'],
      accessTokenValidityMinutes: 60,
      idTokenValidityMinutes: 60,
      refreshTokenValidityDays: 30,
    },
  },
  tables: {
    players: {
      partitionKey: { name: 'username', type: 'S' },
      indexes: {
        // The leaderboard: rated players (those with `board`) by rating points, read backwards.
        // Keys only: the entry needs nothing but username and points, and a profile change writes no index.
        byRating: { partitionKey: { name: 'board', type: 'S' }, sortKey: { name: 'ratingPoints', type: 'N' }, projection: 'KEYS_ONLY' },
      },
    },
    games: {
      partitionKey: { name: 'gameId', type: 'S' },
      indexes: {
        byPlayer1: byPlayerIndex('player1'),
        byPlayer2: byPlayerIndex('player2'),
        byPlayer1Status: byPlayerIndex('player1Status'),
        byPlayer2Status: byPlayerIndex('player2Status'),
        byPublicStatus: byPlayerIndex('publicStatus'),
      },
    },
  },
  topics: {
    gameEvents: { displayName: 'turnbase game events' },
  },
  functions: {
    auth: {
      entry: 'functions/auth/index.ts',
      environment: {
        USER_POOL_ID: { ref: 'userPool.id' },
        USER_POOL_CLIENT_ID: { ref: 'userPool.clientId' },
        TABLE_NAME: { ref: 'table.name', table: 'players' },
        // AUTO: a registration is confirmed at once (seed 001). CODE: the player confirms with the
        // code Cognito sends (seed 002), through the confirmSignUp mutation.
        SIGNUP_CONFIRMATION: 'AUTO',
      },
      grants: [
        // SignUp and ConfirmSignUp are public Cognito calls that need no permission; login and refresh go
        // through AdminInitiateAuth, undoing a failed registration through AdminDeleteUser.
        { userPool: ['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminInitiateAuth'] },
        // GetItem: a retried registration checks whether the profile is missing.
        { table: 'players', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
      ],
      timeoutSeconds: 10,
      memoryMB: 256,
    },
    notify: {
      entry: 'functions/notify/index.ts',
      // Phone numbers arrive in the event (copied from the profiles onto the game at creation): publishing is all it does.
      environment: {
        TOPIC_ARN: { ref: 'topic.arn', topic: 'gameEvents' },
      },
      grants: [{ topic: 'gameEvents', actions: ['sns:Publish'] }, { sms: true }],
      timeoutSeconds: 10,
      memoryMB: 256,
    },
    // Turn deadlines: after each change of a game with a time limit, the resolvers invoke turnSchedule,
    // which replaces the turn's one-time schedules in the `turns` group: a reminder that invokes notify,
    // and a timeout that invokes turnTimeout, which ends the game through the API (timeOutGame, AWS_IAM).
    turnSchedule: {
      entry: 'functions/turn-schedule/index.ts',
      environment: {
        SCHEDULE_GROUP: { ref: 'scheduleGroup.name', group: 'turns' },
        SCHEDULER_ROLE_ARN: { ref: 'scheduleGroup.roleArn', group: 'turns' },
        TIMEOUT_FUNCTION_ARN: { ref: 'function.arn', function: 'turnTimeout' },
        NOTIFY_FUNCTION_ARN: { ref: 'function.arn', function: 'notify' },
      },
      grants: [{ scheduleGroup: 'turns', actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'] }],
      timeoutSeconds: 10,
      memoryMB: 256,
    },
    turnTimeout: {
      entry: 'functions/turn-timeout/index.ts',
      environment: { GRAPHQL_URL: { ref: 'graphql.url' } },
      grants: [{ graphql: ['Mutation.timeOutGame'] }],
      timeoutSeconds: 10,
      memoryMB: 256,
    },
  },
  scheduleGroups: {
    turns: { targets: ['turnTimeout', 'notify'] },
  },
  // The Nim web app: `npm start` serves it at /play; the CDK app hosts it behind CloudFront.
  web: { path: '/play', build: 'web/build.ts' },
  // Batch operations name real table names; resolvers find them here (ctx.env).
  environment: {
    PLAYERS_TABLE: { ref: 'table.name', table: 'players' },
    GAMES_TABLE: { ref: 'table.name', table: 'games' },
  },
  dataSources: {
    players: { type: 'AMAZON_DYNAMODB', table: 'players' },
    games: { type: 'AMAZON_DYNAMODB', table: 'games' },
    auth: { type: 'AWS_LAMBDA', function: 'auth' },
    notify: { type: 'AWS_LAMBDA', function: 'notify' },
    turnSchedule: { type: 'AWS_LAMBDA', function: 'turnSchedule' },
    none: { type: 'NONE' },
  },
});
