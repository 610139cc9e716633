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
export function describeState(game: GameLike, me?: string): string {
  if (game.status === 'FINISHED') {
    const how =
      game.endReason === 'RESIGNED' ? `${game.loser} resigned` : game.endReason === 'TIMEOUT' ? `${game.loser} ran out of time` : `${game.loser} took the last object`;
    const verdict = me === undefined ? `${game.winner} won` : game.winner === me ? 'You won' : 'You lost';
    return `Game over: ${verdict} (${how}).`;
  }
  if (me !== undefined) return game.turn === me ? 'Your move.' : `Waiting for ${game.turn} to move.`;
  return `${game.turn} to move.`;
}

export function renderGame(game: GameLike, me?: string): string {
  const opponent = me === game.player1 ? game.player2 : me === game.player2 ? game.player1 : undefined;
  const title = opponent ? `Game ${game.gameId} against ${opponent}` : `Game ${game.gameId}: ${game.player1} v ${game.player2}`;
  return [title, renderHeaps(game.heaps), describeState(game, me)].join('\n');
}
