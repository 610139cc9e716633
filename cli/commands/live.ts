/** Games as they happen, through the onMove subscription: `watch` and `play`. */
import { MakeMoveDocument, OnMoveDocument, ResignDocument, type OnMoveSubscription } from '../../client/generated/graphql.js';
import { describeMove, describeState, renderGame, renderHeaps } from '../board.js';
import type { Command, Context } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { subscribe, type Subscription } from '../realtime.js';
import { hintLine, loadGame, newMoves, username, type Game } from './games.js';

interface Followed {
  current(): Game;
  /** Takes a game the caller got from its own mutation; true when it is newer than what was shown. */
  offer(game: Game): boolean;
  /** Settles when the game is over (or the connection is lost: rejects). */
  finished: Promise<void>;
  close(): void;
}

/**
 * Subscribes first and reads the game second, so no move can fall between the two; every version of the game
 * is handed to `show` once, in order (the subscription and the caller's own mutations both bring new versions).
 */
async function follow(context: Context, gameId: string, show: (game: Game, previous?: Game) => void): Promise<Followed> {
  const api = context.api();
  let game: Game | undefined;
  const early: Game[] = [];
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const offer = (next: Game): boolean => {
    if (!game) {
      early.push(next);
      return false;
    }
    if (next.version <= game.version) return false;
    const previous = game;
    game = next;
    show(next, previous);
    if (next.status === 'FINISHED') settle.resolve();
    return true;
  };
  let subscription: Subscription | undefined;
  subscription = await subscribe(
    api.endpoints.realtimeUrl,
    api.endpoints.graphqlUrl,
    await api.authorization('user'),
    { query: String(OnMoveDocument), variables: { gameId } },
    {
      data: (data) => {
        const moved = (data as OnMoveSubscription).onMove;
        if (moved) offer(moved);
      },
      end: (error) => settle.reject(error ?? new CliError('The real-time connection closed.', EXIT.setup)),
    },
  );
  try {
    game = await loadGame(context, gameId);
  } catch (error) {
    subscription.close();
    throw error;
  }
  show(game);
  for (const next of early.splice(0)) offer(next);
  if (game.status === 'FINISHED') settle.resolve();
  // Nobody waits on `finished` once the caller stops; an unobserved rejection must not crash the process.
  finished.catch(() => {});
  // A run inside another process (a test) is stopped through its terminal's signal: it stops following, as if
  // the game had ended here, and leaves the game as it is.
  const { signal } = context.terminal;
  const stop = (): void => settle.resolve();
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return {
    current: () => game!,
    offer,
    finished,
    close: () => {
      signal?.removeEventListener('abort', stop);
      subscription?.close();
      subscription = undefined;
    },
  };
}

/** `me` is undefined for a spectator of a public game. */
function printUpdate(context: Context, game: Game, me: string | undefined, previous?: Game): void {
  if (context.json) return context.out(JSON.stringify(game));
  if (!previous) return context.out(renderGame(game, me));
  const lines = newMoves(game, previous).map((m) => (m.player === me ? `You took ${m.count} from heap ${m.heap}.` : describeMove(m)));
  lines.push(renderHeaps(game.heaps), describeState(game, me));
  context.out(lines.join('\n'));
}

export const watch: Command = {
  name: 'watch',
  args: '<gameId>',
  summary: 'follow a game live (yours, or a public one): every move as it is made, until the game ends',
  details: ['With --json, one JSON line per version of the game.'],
  arity: [1, 1],
  async run(context) {
    const me = await username(context);
    const followed = await follow(context, context.args[0], (game, previous) => printUpdate(context, game, game.players.includes(me) ? me : undefined, previous));
    try {
      await followed.finished;
    } finally {
      followed.close();
    }
  },
};

/** `<heap> <count>`, or a word. */
function parseInput(line: string): { heap: number; count: number } | 'resign' | 'help' | 'hint' | undefined {
  const text = line.trim().toLowerCase();
  if (text === 'resign' || text === 'hint') return text;
  if (text === 'help' || text === '?') return 'help';
  const match = /^(\d+)[\s,/]+(\d+)$/.exec(text);
  return match ? { heap: Number(match[1]), count: Number(match[2]) } : undefined;
}

const PLAY_HELP = 'Type a move as "<heap> <count>" (e.g. "2 3" takes 3 from heap 2), "hint", or "resign".';

export const play: Command = {
  name: 'play',
  args: '<gameId>',
  summary: 'play one of your games in the terminal: your moves typed, the opponent\'s appearing live',
  details: [PLAY_HELP, 'Reads moves from stdin, so a script can pipe them in. It ends with the game, or when stdin ends.'],
  arity: [1, 1],
  async run(context) {
    const me = await username(context);
    const gameId = context.args[0];
    const prompt = (game: Game): void => {
      const { stdout } = context.terminal;
      if (stdout.isTTY && !context.json && game.status !== 'FINISHED' && game.turn === me) stdout.write('heap count> ');
    };
    const followed = await follow(context, gameId, (game, previous) => {
      printUpdate(context, game, me, previous);
      if (!previous) context.note(PLAY_HELP);
      prompt(game);
    });
    if (!followed.current().players.includes(me)) {
      followed.close();
      throw new CliError(`You are not a player of game ${gameId}.`, EXIT.api);
    }

    // Moves come from stdin until the game ends; the game may end through the opponent meanwhile.
    const input = (async () => {
      for (;;) {
        const line = await context.input.nextLine();
        if (line === null) return 'ended' as const;
        const game = followed.current();
        if (game.status === 'FINISHED') return 'finished' as const;
        const command = parseInput(line);
        if (line.trim() === '') {
          prompt(followed.current());
          continue;
        }
        if (command === undefined || command === 'help') {
          context.note(command === 'help' ? PLAY_HELP : `Not a move: "${line.trim()}". ${PLAY_HELP}`);
          prompt(followed.current());
          continue;
        }
        try {
          if (command === 'hint') {
            context.note(await hintLine(context, gameId));
            prompt(followed.current());
            continue;
          }
          const data =
            command === 'resign'
              ? (await context.api().run(ResignDocument, { gameId })).resign
              : (await context.api().run(MakeMoveDocument, { gameId, ...command })).makeMove;
          if (data) followed.offer(data);
        } catch (error) {
          // A refused move (not your turn, too many objects…) is part of playing: say why and go on.
          if (!(error instanceof CliError) || error.exitCode !== EXIT.api) throw error;
          context.note(error.message);
          prompt(followed.current());
        }
      }
    })();

    try {
      const outcome = await Promise.race([followed.finished.then(() => 'finished' as const), input]);
      if (outcome === 'ended' && followed.current().status !== 'FINISHED') {
        context.note(`Input ended; the game goes on: \`turnbase play ${gameId}\` to continue.`);
      }
    } finally {
      followed.close();
    }
  },
};
