/** Games without a live connection: `games`, `new`, `show`, `move`, `hint`, `resign`, `rematch`, `public`. */
import {
  CreateComputerGameDocument,
  CreateGameDocument,
  GetGameDocument,
  HintDocument,
  MakeMoveDocument,
  MyGamesDocument,
  PublicGamesDocument,
  RematchDocument,
  ResignDocument,
  type ComputerLevel,
  type GameFieldsFragment,
  type GameStatus,
} from '../../client/generated/graphql.js';
import { currentSession } from '../auth.js';
import { describeMove, renderGame, type GameLike } from '../board.js';
import type { Command, Context } from '../command.js';
import { CliError, EXIT, usage } from '../errors.js';
import { printTable, readPages } from '../lists.js';
import { choice, count, duration } from '../options.js';

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
    const status = choice(context, 'status', statuses);
    const me = await username(context);
    const all = await readPages(async (nextToken) => (await context.api().run(MyGamesDocument, { status, limit: 50, nextToken })).myGames);
    if (context.json) return context.out(JSON.stringify(all, null, 2));
    if (all.length === 0) return context.note(`No games${context.options.status ? ` ${context.options.status}` : ''}. Start one with \`turnbase new <opponent>\`.`);
    const rows = all.map((g) => [g.gameId, g.player1 === me ? g.player2 : g.player1, standing(g, me), g.heaps.join(' '), g.updatedAt]);
    printTable(context, ['GAME', 'OPPONENT', 'STATE', 'HEAPS', 'UPDATED'], rows);
  },
};

const levels: Record<string, ComputerLevel> = { random: 'RANDOM', perfect: 'PERFECT' };

export const newGame: Command = {
  name: 'new',
  args: '[opponent]',
  summary: 'start a game against another player, who moves first, or against the computer (you move first)',
  options: { heaps: { type: 'string' }, computer: { type: 'string' }, public: { type: 'boolean' }, 'turn-time': { type: 'string' }, quiet: { type: 'boolean', short: 'q' } },
  optionHelp: [
    '--heaps 5,4,5       the heaps to start from (default 5,4,5)',
    '--computer LEVEL    play the computer instead of a player: random or perfect',
    '--public            any signed-in player may watch the game (`turnbase public`)',
    '--turn-time TIME    time for each move, e.g. 90s, 5m, 1h, 2d (seconds without a unit); who runs out loses',
    '-q, --quiet         print only the game id',
  ],
  arity: [0, 1],
  async run(context) {
    const heapsText = context.options.heaps as string | undefined;
    const heaps = heapsText === undefined ? undefined : heapsText.split(',').map((h) => count('each heap', h.trim()));
    const computer = choice(context, 'computer', levels);
    const turnSeconds = context.options['turn-time'] === undefined ? undefined : duration('--turn-time', String(context.options['turn-time']));
    const opponent = context.args[0];
    if (computer && opponent) throw usage('Give an opponent or --computer, not both.');
    if (!computer && !opponent) throw usage('Whom to play? Give an opponent, or --computer random|perfect.');
    if (computer && context.options.public) throw usage('--public is for games between two players.');
    const me = await username(context);
    const api = context.api();
    const game = computer
      ? (await api.run(CreateComputerGameDocument, { computer, heaps, turnSeconds })).createGame
      : (await api.run(CreateGameDocument, { opponent, heaps, visibility: context.options.public ? 'PUBLIC' : undefined, turnSeconds })).createGame;
    if (!game) throw new CliError('The API created no game.', EXIT.api);
    if (context.options.quiet) return context.out(game.gameId);
    printGame(context, game, me);
  },
};

export const rematch: Command = {
  name: 'rematch',
  args: '<gameId>',
  summary: 'play a finished game again (asked twice, the same rematch); the other player moves first',
  options: { quiet: { type: 'boolean', short: 'q' } },
  optionHelp: ['-q, --quiet         print only the new game id'],
  arity: [1, 1],
  async run(context) {
    const me = await username(context);
    const data = await context.api().run(RematchDocument, { gameId: context.args[0] });
    if (!data.rematch) throw new CliError('The API started no rematch.', EXIT.api);
    if (context.options.quiet) return context.out(data.rematch.gameId);
    const opened = data.rematch.lastMove ? ` ${describeMove(data.rematch.lastMove)}` : '';
    printGame(context, data.rematch, me, `Rematch of ${context.args[0]}:${opened}`);
  },
};

/** One line on a hint, for `hint` and for "hint" typed in `play`. */
export async function hintLine(context: Context, gameId: string): Promise<string> {
  const data = await context.api().run(HintDocument, { gameId });
  if (!data.hint) throw new CliError('The API has no hint for this game.', EXIT.api);
  const { heap, count: taken, winning } = data.hint;
  return `Hint: take ${taken} from heap ${heap}${winning ? ' (it wins against any reply).' : ' (no move wins against perfect play; this one leaves the most room).'}`;
}

export const hint: Command = {
  name: 'hint',
  args: '<gameId>',
  summary: 'a move for you, on your turn: a winning one when there is one',
  arity: [1, 1],
  async run(context) {
    if (context.json) {
      const data = await context.api().run(HintDocument, { gameId: context.args[0] });
      return context.out(JSON.stringify(data.hint));
    }
    context.out(await hintLine(context, context.args[0]));
  },
};

export const publicGames: Command = {
  name: 'public',
  args: '',
  summary: 'live public games anyone signed in may watch (`turnbase watch <gameId>`)',
  arity: [0, 0],
  async run(context) {
    const all = await readPages(async (nextToken) => (await context.api().run(PublicGamesDocument, { limit: 50, nextToken })).publicGames);
    if (context.json) return context.out(JSON.stringify(all, null, 2));
    if (all.length === 0) return context.note('No public games right now.');
    const rows = all.map((g) => [g.gameId, `${g.player1} v ${g.player2}`, g.turn ? `${g.turn} to move` : g.status.toLowerCase(), g.heaps.join(' ')]);
    printTable(context, ['GAME', 'PLAYERS', 'STATE', 'HEAPS'], rows);
  },
};

/** The moves `game` has that `previous` had not (a move against the computer brings its reply along). */
export function newMoves(game: Game, previous?: GameLike & { lastMove?: { number: number } | null }): Game['moves'] {
  const seen = previous?.lastMove?.number ?? 0;
  return game.moves.filter((m) => m.number > seen);
}

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
    // Against the computer its reply comes in the same answer.
    const reply = data.makeMove.lastMove && data.makeMove.lastMove.player !== me ? `\n${describeMove(data.makeMove.lastMove)}` : '';
    printGame(context, data.makeMove, me, `You took ${taken} from heap ${heap}.${reply}`);
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
