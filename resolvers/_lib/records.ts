/** The shapes stored in DynamoDB (see api.ts for the data model). */
import type { ComputerLevel, EndReason, GameStatus } from '../../game/nim.js';

export type Visibility = 'PRIVATE' | 'PUBLIC';
import type { InventoryItem } from '../../game/items.js';

/**
 * Game ids a player record remembers per settled set (two sets: at most twice this; see settle.ts).
 * A settle write is billed by the whole record's size, so this stays small: 2 × 20 ids of 26 bytes is
 * about 1 KB. A game can be repaired by rateGame until the player has settled 20 to 40 later games.
 */
export const SETTLED_WINDOW = 20;

/**
 * The most a player record weighs by DynamoDB's size rules, every field at its longest: the profile
 * (about 1.3 KB), MAX_ITEMS items (about 135 bytes each) and two full settled sets (about 1 KB);
 * test/infra/item-sizes.test.ts weighs it. Far below DynamoDB's 400 KB item limit. A record from before
 * the settled window also holds creditedGames and ratedGames until its first settle write removes them.
 */
export const PLAYER_RECORD_MAX_BYTES = 16 * 1024;

export interface PlayerRecord {
  username: string;
  height: number;
  weight: number;
  email: string;
  phoneNumber: string;
  items?: InventoryItem[];
  gamesPlayed?: number;
  gamesWon?: number;
  gamesLost?: number;
  /** Elo rating minus DEFAULT_RATING (see api.ts); missing before the first rated game. */
  ratingPoints?: number;
  /** Games won while the inventory was full (MAX_ITEMS): the win counted, the prize could not be given. */
  prizesForfeited?: number;
  /**
   * The finished games settled on this record most recently (a string set of at most SETTLED_WINDOW
   * ids, settledCount of them, the first settled at settledSince), and the set before it: what makes
   * the after-game steps safe to retry. See resolvers/_lib/settle.ts.
   */
  settled?: string[];
  settledPrevious?: string[];
  settledCount?: number;
  settledSince?: string;
  /** A game that ended before this time may have been settled and forgotten: rateGame refuses to repair it. */
  forgottenBefore?: string;
  /** Before the settled window (older records, removed by their first settle write): the games counted in the stats, and in the rating. */
  creditedGames?: string[];
  ratedGames?: string[];
  /** `ALL` once rated: the partition key of the byRating index. */
  board?: string;
  createdAt: string;
}

/**
 * One move's fields. A move is billed by the whole game item, so a game with `firstMover` stores only what
 * cannot be derived (heap, count, at) and stores it as one string (StoredMove); toGame gives back `number` (its
 * place in the history), `player` (the players alternate from the first mover) and `heapsAfter` (replayed from
 * `initialHeaps`). Games stored before `firstMover` existed keep all six fields in every move, their new moves
 * included.
 */
export interface MoveRecord {
  number?: number;
  player?: string;
  heap: number;
  count: number;
  heapsAfter?: number[];
  at: string;
}

/** A move with every field, as the API shows it. */
export type FullMove = Required<MoveRecord>;

/**
 * A move in a game's stored history. A game with `firstMover` stores a new move as `<heap> <count> <at>`, e.g.
 * `2 3 2026-06-01T12:00:30.000Z`: 29 bytes in the item where a map of the same three fields weighs 46. The history is
 * the part of a game item that grows, and every move rewrites the whole item, so a long game's move costs fewer write
 * units; the engine also copies one string where it copied a map of three attributes, each move, in every step that
 * reads the game. Moves stored as maps (before this form, and every move of a game without firstMover) are read as
 * they are.
 */
export type StoredMove = string | MoveRecord;

export interface GameRecord {
  gameId: string;
  player1: string;
  player2: string;
  /** Set when player2 is the computer (COMPUTER): how it plays. */
  computer?: ComputerLevel | null;
  /** PUBLIC games may be read and followed by any signed-in player; missing means PRIVATE. */
  visibility?: Visibility;
  /** `PUBLIC#IN_PROGRESS`, only on public games that are not over: key of the sparse byPublicStatus index. */
  publicStatus?: string;
  /** `<player1>#<status>`: key of the byPlayer1Status index. */
  player1Status: string;
  /** `<player2>#<status>`: key of the byPlayer2Status index. */
  player2Status: string;
  heaps: number[];
  initialHeaps: number[];
  status: GameStatus;
  turn: string | null;
  winner: string | null;
  loser: string | null;
  endReason: EndReason | null;
  moves: StoredMove[];
  /** The slot of the player who moved first (1: player1, 2: player2); missing on games stored before it existed. */
  firstMover?: number;
  /** Older games only: a copy of the last move, removed by their next move (Game.lastMove is read from `moves`). */
  lastMove?: MoveRecord;
  /** The game started by rematch (set once, by the first rematch request) and who asked for it. */
  rematchGameId?: string | null;
  rematchBy?: string | null;
  /** The game this one is a rematch of. */
  rematchOf?: string | null;
  /**
   * The phone numbers of player1 and player2, in that order, copied from the profiles at creation
   * for notifications (null: none). A pair, not a map by username: a username such as `__proto__`
   * is no safe key for a stored map.
   */
  phones?: Array<string | null>;
  /** Seconds per move; missing or null: no time limit. */
  turnSeconds?: number | null;
  /** ISO 8601: when the player to move loses by timeout; null once the game is over. Moves with every move. */
  turnDeadline?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
