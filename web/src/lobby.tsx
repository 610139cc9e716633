/** My games (status filter, paging), invitations arriving live, and a new game against a player or the computer. */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import {
  CreateComputerGameDocument,
  CreateGameDocument,
  MyGamesDocument,
  OnInviteDocument,
  type ComputerLevel,
  type GameFieldsFragment,
  type GameStatus,
} from '../../client/generated/graphql.js';
import { ApiError, call, subscribe, toApiError } from './api.js';
import { turnTimes } from './countdown.js';
import { ErrorText, Pager, formValues, playerName, usePaged } from './ui.js';

const PAGE_SIZE = 5;

export function gameSummary(game: GameFieldsFragment, me: string): string {
  const opponent = playerName(game.player1 === me ? game.player2 : game.player1, game.computer);
  if (game.status === 'FINISHED') return `vs ${opponent}: ${game.winner === me ? 'you won' : `${playerName(game.winner ?? '', game.computer)} won`}`;
  return `vs ${opponent}: ${game.turn === me ? 'your turn' : `${playerName(game.turn ?? '', game.computer)}'s turn`}`;
}

/** "5 4 5", "5,4,5" or empty (the API's default heaps). */
function parseHeaps(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  return parts.length ? parts.map(Number) : undefined;
}

/** Creates a game and opens it; the API's refusal is shown under the form. */
function useCreate(): [ApiError | null, (create: () => Promise<GameFieldsFragment | null | undefined>) => Promise<void>] {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (create: () => Promise<GameFieldsFragment | null | undefined>) => {
    setError(null);
    try {
      const game = await create();
      if (game) location.hash = `#/game/${game.gameId}`;
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return [error, run];
}

function HeapsField({ id }: { id: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Heaps (optional, e.g. 5 4 5)</label>
      <input id={id} name="heaps" inputMode="numeric" placeholder="5 4 5" />
    </div>
  );
}

export function Lobby({ me, opponent: suggested }: { me: string; opponent?: string }) {
  const [status, setStatus] = useState<GameStatus | ''>('');
  const [invites, setInvites] = useState<GameFieldsFragment[]>([]);
  const [live, setLive] = useState(false);
  const [reload, setReload] = useState(0);
  const [liveError, setLiveError] = useState<ApiError | null>(null);
  const [inviteError, invite] = useCreate();
  const [computerError, playComputer] = useCreate();
  const games = usePaged((nextToken) => call(MyGamesDocument, { status: status || null, limit: PAGE_SIZE, nextToken }).then((data) => data.myGames), [status, reload]);

  useEffect(
    () =>
      subscribe(
        OnInviteDocument,
        {},
        {
          next: (data) => {
            const game = data.onInvite;
            if (!game) return;
            setInvites((list) => (list.some((g) => g.gameId === game.gameId) ? list : [game, ...list]));
            setReload((n) => n + 1);
          },
          error: (e) => {
            setLive(false);
            setLiveError(e);
          },
          ready: () => {
            setLive(true);
            setReload((n) => n + 1);
          },
        },
      ),
    [],
  );

  const createGame = (event: FormEvent<HTMLFormElement>) => {
    const { opponent, heaps, visibility, turnSeconds } = formValues(event);
    const variables = { opponent: opponent.trim(), heaps: parseHeaps(heaps), visibility: visibility ? ('PUBLIC' as const) : null, turnSeconds: turnSeconds ? Number(turnSeconds) : null };
    return invite(async () => (await call(CreateGameDocument, variables)).createGame);
  };
  const createComputerGame = (event: FormEvent<HTMLFormElement>) => {
    const { level, heaps } = formValues(event);
    return playComputer(async () => (await call(CreateComputerGameDocument, { computer: level as ComputerLevel, heaps: parseHeaps(heaps) })).createGame);
  };

  return (
    <section aria-labelledby="lobby-title">
      <h2 id="lobby-title">Lobby</h2>
      <p className="live" data-live={live ? 'on' : 'off'}>
        {live ? 'Invitations arrive live.' : 'Connecting for live invitations…'}
      </p>
      <ErrorText error={liveError} />

      <section aria-labelledby="invites-title" className="invites">
        <h3 id="invites-title">Invitations</h3>
        <ul aria-live="polite" data-testid="invites">
          {invites.map((game) => (
            <li key={game.gameId}>
              {game.player1} invited you ({game.heaps.join(' · ')}) <a href={`#/game/${game.gameId}`}>Play vs {game.player1}</a>
            </li>
          ))}
        </ul>
        {invites.length === 0 ? <p className="hint">None yet.</p> : null}
      </section>

      <div className="row">
        <form className="card" onSubmit={createGame} aria-labelledby="new-title">
          <h3 id="new-title">New game</h3>
          <div className="field">
            <label htmlFor="opponent">Opponent</label>
            <input id="opponent" name="opponent" required defaultValue={suggested ?? ''} autoComplete="off" />
          </div>
          <HeapsField id="heaps" />
          <div className="field">
            <label htmlFor="turn-seconds">Time per move</label>
            <select id="turn-seconds" name="turnSeconds" defaultValue="">
              {turnTimes.map(([seconds, label]) => (
                <option key={seconds} value={seconds}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field check">
            <input type="checkbox" id="visibility" name="visibility" aria-describedby="visibility-hint" />
            <label htmlFor="visibility">Public</label>
            <span id="visibility-hint" className="hint">
              anyone signed in may watch it
            </span>
          </div>
          <ErrorText error={inviteError} />
          <button type="submit">Invite</button>
        </form>

        <form className="card" onSubmit={createComputerGame} aria-labelledby="computer-title">
          <h3 id="computer-title">Play the computer</h3>
          <div className="field">
            <label htmlFor="level">Level</label>
            <select id="level" name="level" defaultValue="RANDOM">
              <option value="RANDOM">random: any legal move</option>
              <option value="PERFECT">perfect: wins whenever it can</option>
            </select>
          </div>
          <HeapsField id="computer-heaps" />
          <p className="hint">You move first.</p>
          <ErrorText error={computerError} />
          <button type="submit">Play the computer</button>
        </form>
      </div>

      <section aria-labelledby="games-title">
        <h3 id="games-title">My games</h3>
        <div className="field inline">
          <label htmlFor="status">Show</label>
          <select
            id="status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as GameStatus | '');
              games.reset();
            }}
          >
            <option value="">all games</option>
            <option value="IN_PROGRESS">in progress</option>
            <option value="FINISHED">finished</option>
          </select>
        </div>
        <ErrorText error={games.error} />
        {games.items?.length === 0 ? <p>No games.</p> : null}
        <ul className="games" data-testid="games">
          {(games.items ?? []).map((game) => (
            <li key={game.gameId}>
              <a href={`#/game/${game.gameId}`}>{gameSummary(game, me)}</a> <span className="hint">{new Date(game.createdAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
        <Pager label="Pages of games" paged={games} />
      </section>
    </section>
  );
}
