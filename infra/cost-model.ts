/**
 * What one Nim move costs on AWS, built from the requests one move makes. The request counts
 * that follow from the API description (indexes the game write updates, the notify function's
 * memory) are read from it; the rest are stated assumptions. Prices are us-east-1 list prices as
 * far as we know them: ASSUMPTIONS, not quotes. Check https://aws.amazon.com/pricing before
 * relying on them. Free tiers and per-month charges (Cognito MAUs, storage, backups) are left out.
 */
import type { ApiDescription } from '../description/types.js';
import { LAMBDA_DEFAULTS } from './defaults.js';
import { consistentReadUnits, writeUnits } from './item-size.js';

export interface UnitPrice {
  /** US dollars per `per` units. */
  usd: number;
  per: number;
  unit: string;
}

/** Assumed us-east-1 on-demand list prices. */
export const PRICES = {
  appsyncRequest: { usd: 4.0, per: 1_000_000, unit: 'queries or mutations' },
  appsyncRealtimeMessage: { usd: 2.0, per: 1_000_000, unit: 'real-time messages' },
  appsyncConnectionMinute: { usd: 0.08, per: 1_000_000, unit: 'connection-minutes' },
  dynamodbWrite: { usd: 0.625, per: 1_000_000, unit: 'write request units' },
  dynamodbRead: { usd: 0.125, per: 1_000_000, unit: 'read request units' },
  lambdaRequest: { usd: 0.2, per: 1_000_000, unit: 'invocations' },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 1, unit: 'GB-second (arm64)' },
  snsPublish: { usd: 0.5, per: 1_000_000, unit: 'publishes' },
  // US destination: base price plus an average carrier fee; other countries differ a lot.
  sms: { usd: 0.0085, per: 1, unit: 'SMS (US)' },
  logsIngestGb: { usd: 0.5, per: 1, unit: 'GB of logs ingested' },
  xrayTrace: { usd: 5.0, per: 1_000_000, unit: 'traces recorded' },
} satisfies Record<string, UnitPrice>;

export type PriceList = Record<keyof typeof PRICES, UnitPrice>;

/** Assumptions about play that the description cannot tell. */
export interface PlayAssumptions {
  /** Both players hold a subscription to the game. */
  subscribersPerGame: number;
  /** Time between two moves, while both players stay connected. */
  secondsBetweenMoves: number;
  /**
   * The game item's size in bytes at creation and after each of its moves (movesPerGame + 1 sizes),
   * by DynamoDB's size rules. A move's UpdateItem is billed by the larger of the item before and after
   * it, its consistent GetItem by the item before it.
   */
  gameItemBytes: number[];
  /** A finished game also makes one settle write per player and, between people, moves their leaderboard entries. */
  movesPerGame: number;
  /** Public games carry the key of the public-game index, which the game's end removes (one index write). */
  publicGame: boolean;
  /** Size of a player record: its settle write is billed by the whole record, whatever the write changes. */
  playerItemBytes: number;
  /** Run time of the notify function (two SNS publishes). */
  notifyMs: number;
  /** Field-level logging at ALL: request and response of the resolver and every pipeline step. */
  logKbPerMove: number;
  /** AppSync's default X-Ray sampling keeps roughly one request in twenty. */
  tracedShare: number;
}

const PLAY = { subscribersPerGame: 2, secondsBetweenMoves: 30, movesPerGame: 8, notifyMs: 150, logKbPerMove: 12, tracedShare: 0.05 };

/**
 * The heaviest game the model prices: 32-character usernames (the longest), public, timed, and players
 * with 10 items and two full settled sets. Sizes measured by test/infra/item-sizes.test.ts.
 */
export const HEAVIEST_GAME: PlayAssumptions = {
  ...PLAY,
  gameItemBytes: [576, 605, 634, 663, 692, 721, 750, 779, 793],
  publicGame: true,
  playerItemBytes: 2726,
};

/**
 * A typical game: private, no time per move, 10-character usernames, and players ten games in (5 items
 * won, 10 games in the settled set, none forgotten yet). Sizes measured by test/infra/item-sizes.test.ts.
 */
export const TYPICAL_GAME: PlayAssumptions = {
  ...PLAY,
  gameItemBytes: [387, 416, 445, 474, 503, 532, 561, 590, 635],
  publicGame: false,
  playerItemBytes: 1173,
};

/** The safe side: what `estimate` prices when told nothing else. */
export const DEFAULT_ASSUMPTIONS = HEAVIEST_GAME;

export interface Profile {
  name: string;
  /** Its assumptions in words, for the table's reader. */
  described: string;
  assumptions: PlayAssumptions;
}

export const PROFILES: Profile[] = [
  { name: 'Typical', described: 'private, untimed, 10-character usernames, players ten games in: 5 items, 10 settled ids', assumptions: TYPICAL_GAME },
  { name: 'Heaviest', described: 'public, timed, 32-character usernames, players with 10 items and two full settled sets of 20 ids', assumptions: HEAVIEST_GAME },
];

function checkGame(a: PlayAssumptions): void {
  if (a.gameItemBytes.length !== a.movesPerGame + 1) throw new Error(`gameItemBytes needs ${a.movesPerGame + 1} sizes (creation and each move), got ${a.gameItemBytes.length}`);
}

/** Average write units of a move's own UpdateItem of the game. */
export function gameWriteUnitsPerMove(a: PlayAssumptions): number {
  checkGame(a);
  const units = a.gameItemBytes.slice(1).map((after, index) => writeUnits(a.gameItemBytes[index], after));
  return units.reduce((sum, u) => sum + u, 0) / a.movesPerGame;
}

/** Average read units of a move's consistent GetItem of the game (read before the move). */
export function gameReadUnitsPerMove(a: PlayAssumptions): number {
  checkGame(a);
  return a.gameItemBytes.slice(0, -1).reduce((sum, bytes) => sum + consistentReadUnits(bytes), 0) / a.movesPerGame;
}

export interface CostLine {
  service: string;
  what: string;
  perMove: number;
  price: UnitPrice;
  /** US dollars for the number of moves asked. */
  cost: number;
}

export interface MoveFacts {
  /** Indexes of the games table that project the whole item (ALL): every move rewrites their copy. */
  copyIndexes: number;
  /**
   * Key-only indexes keyed on an attribute the game-ending move changes: their small entry is
   * deleted and written again once per game. Key-only indexes on keys that never change cost no write.
   */
  endKeyIndexes: number;
  /** Key-only indexes keyed on an attribute a public game's end removes: their entry is deleted, nothing is put. */
  publicEndIndexes: number;
  notifyMemoryMb: number;
  /**
   * Indexes of the players table keyed on an attribute a rated game changes (the leaderboard's rating
   * points): each rating change moves both players' entries, a delete and a put each.
   */
  ratingIndexes: number;
}

/** Attributes of a game item that change only when the game ends (see api.ts): the player status index keys. */
export const KEYS_CHANGED_AT_GAME_END = ['player1Status', 'player2Status'];

/** Attributes of a public game item that its end removes (resolvers/_lib/gameWrite.ts): the live public games' index key. */
export const KEYS_REMOVED_AT_GAME_END = ['publicStatus'];

/** Attributes of a player item that the rating of a finished game changes (see api.ts). */
export const PLAYER_KEYS_CHANGED_BY_RATING = ['ratingPoints'];

/** Reads what the description says about a move's requests. */
export function moveFacts(
  description: ApiDescription,
  gamesTable = 'games',
  notifyFunction = 'notify',
  keysChangedAtGameEnd = KEYS_CHANGED_AT_GAME_END,
  playersTable = 'players',
  keysRemovedAtGameEnd = KEYS_REMOVED_AT_GAME_END,
): MoveFacts {
  const table = description.tables?.[gamesTable];
  if (!table) throw new Error(`the description has no "${gamesTable}" table`);
  const playerIndexes = Object.values(description.tables?.[playersTable]?.indexes ?? {});
  const notify = description.functions?.[notifyFunction];
  if (!notify) throw new Error(`the description has no "${notifyFunction}" function`);
  const indexes = Object.values(table.indexes ?? {});
  const keyOnly = indexes.filter((index) => index.projection === 'KEYS_ONLY');
  const keyedOn = (names: string[]) => (index: (typeof indexes)[number]) => [index.partitionKey, index.sortKey].some((key) => key !== undefined && names.includes(key.name));
  return {
    copyIndexes: indexes.length - keyOnly.length,
    endKeyIndexes: keyOnly.filter(keyedOn(keysChangedAtGameEnd)).length,
    publicEndIndexes: keyOnly.filter(keyedOn(keysRemovedAtGameEnd)).length,
    notifyMemoryMb: notify.memoryMB ?? LAMBDA_DEFAULTS.memoryMB,
    ratingIndexes: playerIndexes.filter(keyedOn(PLAYER_KEYS_CHANGED_BY_RATING)).length,
  };
}

/**
 * The lines of what `moves` moves cost. Their wording does not depend on the sizes, so the lines of two
 * profiles line up (comparisonTable); the sizes are in each profile's assumptions.
 */
export function estimate(facts: MoveFacts, assumptions: PlayAssumptions = DEFAULT_ASSUMPTIONS, prices: PriceList = PRICES, moves = 1_000_000): CostLine[] {
  const a = assumptions;
  const perGame = a.movesPerGame;
  const line = (service: string, what: string, perMove: number, price: UnitPrice): CostLine => ({
    service,
    what,
    perMove,
    price,
    cost: (perMove * moves * price.usd) / price.per,
  });
  const writes = [
    line('DynamoDB', 'conditional UpdateItem of the game (per started KB of the larger of the item before and after it)', gameWriteUnitsPerMove(a), prices.dynamodbWrite),
    ...(facts.copyIndexes > 0 ? [line('DynamoDB', `copies of the game in ${facts.copyIndexes} indexes (projection ALL)`, gameWriteUnitsPerMove(a) * facts.copyIndexes, prices.dynamodbWrite)] : []),
    ...(facts.endKeyIndexes > 0
      ? [line('DynamoDB', `key-only entries of ${facts.endKeyIndexes} status indexes moved at game end (delete + put / ${perGame} moves)`, (facts.endKeyIndexes * 2) / perGame, prices.dynamodbWrite)]
      : []),
    ...(facts.publicEndIndexes > 0
      ? [line('DynamoDB', `key-only entry of ${facts.publicEndIndexes} public-game index deleted at game end (public games only / ${perGame} moves)`, a.publicGame ? facts.publicEndIndexes / perGame : 0, prices.dynamodbWrite)]
      : []),
  ];
  return [
    line('AppSync', 'makeMove mutation', 1, prices.appsyncRequest),
    line('AppSync', `onMove delivered to ${a.subscribersPerGame} subscribers`, a.subscribersPerGame, prices.appsyncRealtimeMessage),
    line('AppSync', `${a.subscribersPerGame} connections × ${a.secondsBetweenMoves} s between moves`, (a.subscribersPerGame * a.secondsBetweenMoves) / 60, prices.appsyncConnectionMinute),
    line('DynamoDB', 'load the game (consistent GetItem)', gameReadUnitsPerMove(a), prices.dynamodbRead),
    ...writes,
    // At a game's end: both players' records read (ratings, settled sets), then ONE conditional write each.
    line('DynamoDB', `players' records read at game end (2 consistent reads / ${perGame} moves)`, (2 * consistentReadUnits(a.playerItemBytes)) / perGame, prices.dynamodbRead),
    line(
      'DynamoDB',
      `players' settle writes at game end: stats, prize, rating and marker in one UpdateItem each, billed by the whole record (2 / ${perGame} moves)`,
      (2 * writeUnits(a.playerItemBytes, a.playerItemBytes)) / perGame,
      prices.dynamodbWrite,
    ),
    ...(facts.ratingIndexes > 0
      ? [line('DynamoDB', `leaderboard entries of both players moved at game end (${facts.ratingIndexes} index × 2 × delete + put / ${perGame} moves)`, (facts.ratingIndexes * 4) / perGame, prices.dynamodbWrite)]
      : []),
    // Asynchronous (Event) invocation: billed like any other, but nobody waits for it.
    line('Lambda', 'notify invocation (asynchronous)', 1, prices.lambdaRequest),
    line('Lambda', `notify ${a.notifyMs} ms × ${facts.notifyMemoryMb} MB`, (a.notifyMs / 1000) * (facts.notifyMemoryMb / 1024), prices.lambdaArmGbSecond),
    line('SNS', 'publish to the game-events topic', 1, prices.snsPublish),
    line('SNS', 'SMS to the opponent', 1, prices.sms),
    line('CloudWatch', `field-level logs (~${a.logKbPerMove} KB)`, a.logKbPerMove / (1024 * 1024), prices.logsIngestGb),
    line('X-Ray', `traces (${Math.round(a.tracedShare * 100)} % sampled)`, a.tracedShare, prices.xrayTrace),
  ];
}

function money(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 100) return `$${usd.toFixed(0)}`;
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toFixed(4)}`;
}

function quantity(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function unitPrice(price: UnitPrice): string {
  if (price.per === 1) return `$${price.usd} per ${price.unit}`;
  const per = price.per === 1_000_000 ? '1M' : price.per.toLocaleString('en-US');
  return `$${price.usd} per ${per} ${price.unit}`;
}

/** DynamoDB write request units one move costs on average. */
export function writeUnitsPerMove(lines: CostLine[]): number {
  return lines.filter((l) => l.price.unit === PRICES.dynamodbWrite.unit).reduce((sum, l) => sum + l.perMove, 0);
}

export function totals(lines: CostLine[]): { total: number; withoutSms: number } {
  const total = lines.reduce((sum, l) => sum + l.cost, 0);
  const sms = lines.filter((l) => l.price.unit.startsWith('SMS')).reduce((sum, l) => sum + l.cost, 0);
  return { total, withoutSms: total - sms };
}

export function markdownTable(lines: CostLine[], moves = 1_000_000): string {
  const rows = [
    `| Service | What one move makes | Per move | Unit price (assumed, us-east-1) | ${moves.toLocaleString('en-US')} moves |`,
    '|---|---|---:|---|---:|',
    ...lines.map((l) => `| ${l.service} | ${l.what} | ${quantity(l.perMove)} | ${unitPrice(l.price)} | ${money(l.cost)} |`),
  ];
  const { total, withoutSms } = totals(lines);
  rows.push(`| **Total** | | | | **${money(total)}** |`);
  rows.push(`| Total without SMS | | | | ${money(withoutSms)} |`);
  return rows.join('\n');
}

/** Several profiles' lines side by side: per move and per `moves` moves for each, then the unit price. */
export function comparisonTable(profiles: Array<{ name: string; lines: CostLine[] }>, moves = 1_000_000): string {
  const [first] = profiles;
  for (const profile of profiles) {
    if (profile.lines.length !== first.lines.length || profile.lines.some((l, i) => l.what !== first.lines[i].what)) throw new Error(`the lines of "${profile.name}" do not match those of "${first.name}"`);
  }
  const count = moves.toLocaleString('en-US');
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const each = (cells: (lines: CostLine[]) => string[]) => profiles.flatMap((p) => cells(p.lines));
  const rows = [
    row(['Service', 'What one move makes', ...profiles.flatMap((p) => [`${p.name}: per move`, `${p.name}: ${count} moves`]), 'Unit price (assumed, us-east-1)']),
    row(['---', '---', ...profiles.flatMap(() => ['---:', '---:']), '---']),
    ...first.lines.map((l, i) => row([l.service, l.what, ...each((lines) => [quantity(lines[i].perMove), money(lines[i].cost)]), unitPrice(l.price)])),
    row(['**DynamoDB write units**', '', ...each((lines) => [`**${quantity(writeUnitsPerMove(lines))}**`, '']), '']),
    row(['**Total**', '', ...each((lines) => ['', `**${money(totals(lines).total)}**`]), '']),
    row(['Total without SMS', '', ...each((lines) => ['', money(totals(lines).withoutSms)]), '']),
  ];
  return rows.join('\n');
}
