/** The shapes stored in DynamoDB (see api.ts for the data model). */
import type { ComputerLevel, EndReason, GameStatus } from '../../game/nim.js';

export type Visibility = 'PRIVATE' | 'PUBLIC';
import type { InventoryItem } from '../../game/items.js';

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
  /** The finished games already counted in the stats (a string set): what makes the after-game steps safe to retry. */
  creditedGames?: string[];
  /** Games won while the inventory was full (MAX_ITEMS): the win counted, the prize could not be given. */
  prizesForfeited?: number;
  /** The games already counted in the rating (a string set). */
  ratedGames?: string[];
  /** `ALL` once rated: the partition key of the byRating index. */
  board?: string;
  createdAt: string;
}

export interface MoveRecord {
  number: number;
  player: string;
  heap: number;
  count: number;
  heapsAfter: number[];
  at: string;
}

export interface GameRecord {
  gameId: string;
  player1: string;
  player2: string;
  /** Set when player2 is the computer (COMPUTER): how it plays. */
  computer?: ComputerLevel | null;
  /** PUBLIC games may be read and followed by any signed-in player; missing means PRIVATE. */
  visibility?: Visibility;
  /** `PUBLIC#<status>`, only on public games: key of the sparse byPublicStatus index. */
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
  moves: MoveRecord[];
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
