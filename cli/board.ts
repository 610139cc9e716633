/** How a game looks in the terminal: the heaps as rows of objects, whose turn it is, how it ended. */

export interface GameLike {
  gameId: string;
  player1: string;
  player2: string;
  heaps: number[];
  status: string;
  turn?: string | null;
  winner?: string | null;
  loser?: string | null;
  endReason?: string | null;
  /** When the player to move loses by timeout; null without a time limit. */
  turnDeadline?: string | null;
  lastMove?: { player: string; heap: number; count: number } | null;
}

export function renderHeaps(heaps: number[]): string {
  const width = String(heaps.length).length;
  return heaps.map((size, i) => `  heap ${String(i + 1).padStart(width)}  ${'● '.repeat(size).trimEnd() || '·'}${size ? `  (${size})` : ''}`).join('\n');
}

export function describeMove(move: { player: string; heap: number; count: number }): string {
  return `${move.player} took ${move.count} from heap ${move.heap}.`;
}

/** One line: who is to move, or who won and why, from the point of view of `me` when given. */
export function describeState(game: GameLike, me?: string, now = Date.now()): string {
  if (game.status === 'FINISHED') {
    const how =
      game.endReason === 'RESIGNED' ? `${game.loser} resigned` : game.endReason === 'TIMEOUT' ? `${game.loser} ran out of time` : `${game.loser} took the last object`;
    const verdict = me === undefined ? `${game.winner} won` : game.winner === me ? 'You won' : 'You lost';
    return `Game over: ${verdict} (${how}).`;
  }
  const left = game.turnDeadline ? ` (${timeLeft(Date.parse(game.turnDeadline) - now)})` : '';
  if (me !== undefined) return game.turn === me ? `Your move${left}.` : `Waiting for ${game.turn} to move${left}.`;
  return `${game.turn} to move${left}.`;
}

/** "4m 05s left", "2h 03m left", "1d 04h left", or "time is up" (the API then ends the game by itself). */
export function timeLeft(ms: number): string {
  const total = Math.ceil(ms / 1000);
  if (total <= 0) return 'time is up';
  const [days, hours, minutes, seconds] = [Math.floor(total / 86400), Math.floor((total % 86400) / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  if (days) return `${days}d ${two(hours)}h left`;
  if (hours) return `${hours}h ${two(minutes)}m left`;
  return minutes ? `${minutes}m ${two(seconds)}s left` : `${seconds}s left`;
}

export function renderGame(game: GameLike, me?: string): string {
  const opponent = me === game.player1 ? game.player2 : me === game.player2 ? game.player1 : undefined;
  const title = opponent ? `Game ${game.gameId} against ${opponent}` : `Game ${game.gameId}: ${game.player1} v ${game.player2}`;
  return [title, renderHeaps(game.heaps), describeState(game, me)].join('\n');
}
