/** Games without a live connection: `games`, `new`, `show`, `move`, `resign`. */
import {
  CreateGameDocument,
  GetGameDocument,
  MakeMoveDocument,
  MyGamesDocument,
  ResignDocument,
  type GameFieldsFragment,
  type MyGamesQuery,
  type GameStatus,
} from '../../client/generated/graphql.js';
import { currentSession } from '../auth.js';
import { describeMove, renderGame } from '../board.js';
import type { Command, Context } from '../command.js';
import { CliError, EXIT, usage } from '../errors.js';

export type Game = GameFieldsFragment;

function printGame(context: Context, game: Game, me: string, headline?: string): void {
  if (context.json) return context.out(JSON.stringify(game, null, 2));
  if (headline) context.out(headline);
  context.out(renderGame(game, me));
}

export async function username(context: Context): Promise<string> {
  return (await currentSession(context.endpoints(), context.profile)).username;
}

export async function loadGame(context: Context, gameId: string): Promise<Game> {
  const data = await context.api().run(GetGameDocument, { gameId });
  if (!data.getGame) throw new CliError(`No game ${gameId}.`, EXIT.api);
  return data.getGame;
}

/** A positive whole number from the command line. */
export function count(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw usage(`${name} must be a whole number from 1 up, not "${text}".`);
  return value;
}

const statuses: Record<string, GameStatus> = { 'in-progress': 'IN_PROGRESS', finished: 'FINISHED' };

/** One word on a game's state, from the caller's side. */
function standing(game: Game, me: string): string {
  if (game.status === 'FINISHED') return game.winner === me ? 'won' : 'lost';
  return game.turn === me ? 'your move' : 'their move';
}

export const games: Command = {
  name: 'games',
  args: '',
  summary: 'your games, newest first',
  options: { status: { type: 'string' } },
  optionHelp: ['--status STATUS     in-progress or finished (default: both)'],
  arity: [0, 0],
  async run(context) {
    const requested = context.options.status as string | undefined;
    const status = requested === undefined ? undefined : statuses[requested.toLowerCase()];
    if (requested !== undefined && !status) throw usage(`--status must be in-progress or finished, not "${requested}".`);
    const me = await username(context);
    const all: Game[] = [];
    let nextToken: string | null = null;
    do {
      const data: MyGamesQuery = await context.api().run(MyGamesDocument, { status, limit: 50, nextToken });
      all.push(...(data.myGames?.items ?? []));
      nextToken = data.myGames?.nextToken ?? null;
    } while (nextToken);
    if (context.json) return context.out(JSON.stringify(all, null, 2));
    if (all.length === 0) return context.note(`No games${requested ? ` ${requested}` : ''}. Start one with \`turnbase new <opponent>\`.`);
    const rows = all.map((g) => [g.gameId, g.player1 === me ? g.player2 : g.player1, standing(g, me), g.heaps.join(' '), g.updatedAt]);
    const header = ['GAME', 'OPPONENT', 'STATE', 'HEAPS', 'UPDATED'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const row of [header, ...rows]) context.out(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  },
};

export const newGame: Command = {
  name: 'new',
  args: '<opponent>',
  summary: 'start a game against another player, who moves first',
  options: { heaps: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } },
  optionHelp: ['--heaps 5,4,5       the heaps to start from (default 5,4,5)', '-q, --quiet         print only the game id'],
  arity: [1, 1],
  async run(context) {
    const heapsText = context.options.heaps as string | undefined;
    const heaps = heapsText === undefined ? undefined : heapsText.split(',').map((h) => count('each heap', h.trim()));
    const me = await username(context);
    const data = await context.api().run(CreateGameDocument, { opponent: context.args[0], heaps });
    if (!data.createGame) throw new CliError('The API created no game.', EXIT.api);
    if (context.options.quiet) return context.out(data.createGame.gameId);
    printGame(context, data.createGame, me);
  },
};

export const show: Command = {
  name: 'show',
  args: '<gameId>',
  summary: 'one of your games: the heaps and whose move it is',
  arity: [1, 1],
  async run(context) {
    const me = await username(context);
    const game = await loadGame(context, context.args[0]);
    if (context.json) return context.out(JSON.stringify(game, null, 2));
    printGame(context, game, me, game.lastMove ? `Last: ${describeMove(game.lastMove)}` : undefined);
  },
};

export const move: Command = {
  name: 'move',
  args: '<gameId> <heap> <count>',
  summary: 'take <count> objects from heap <heap> (counting from 1); whoever takes the last object loses',
  arity: [3, 3],
  async run(context) {
    const [gameId, heapText, countText] = context.args;
    const heap = count('<heap>', heapText);
    const taken = count('<count>', countText);
    const me = await username(context);
    const data = await context.api().run(MakeMoveDocument, { gameId, heap, count: taken });
    if (!data.makeMove) throw new CliError('The API made no move.', EXIT.api);
    printGame(context, data.makeMove, me, `You took ${taken} from heap ${heap}.`);
  },
};

export const resign: Command = {
  name: 'resign',
  args: '<gameId>',
  summary: 'give up a game: the other player wins',
  arity: [1, 1],
  async run(context) {
    const me = await username(context);
    const data = await context.api().run(ResignDocument, { gameId: context.args[0] });
    if (!data.resign) throw new CliError('The API did not end the game.', EXIT.api);
    printGame(context, data.resign, me);
  },
};
