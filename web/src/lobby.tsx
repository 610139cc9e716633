/** My games (status filter, paging), invitations arriving live, and a new game against a player. */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { CreateGameDocument, MyGamesDocument, OnInviteDocument, type GameFieldsFragment, type GameStatus } from '../../client/generated/graphql.js';
import { ApiError, call, subscribe, toApiError } from './api.js';
import { ErrorText, formValues } from './ui.js';

const PAGE_SIZE = 5;

export function gameSummary(game: GameFieldsFragment, me: string): string {
  const opponent = game.player1 === me ? game.player2 : game.player1;
  if (game.status === 'FINISHED') return `vs ${opponent}: ${game.winner === me ? 'you won' : `${game.winner} won`}`;
  return `vs ${opponent}: ${game.turn === me ? 'your turn' : `${game.turn}'s turn`}`;
}

/** "5 4 5", "5,4,5" or empty (the API's default heaps). */
function parseHeaps(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  return parts.length ? parts.map(Number) : undefined;
}

export function Lobby({ me, opponent: suggested }: { me: string; opponent?: string }) {
  const [status, setStatus] = useState<GameStatus | ''>('');
  // Tokens of the pages before the current one, and the current page's token.
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const [games, setGames] = useState<GameFieldsFragment[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [invites, setInvites] = useState<GameFieldsFragment[]>([]);
  const [live, setLive] = useState(false);
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const token = pages[pages.length - 1];

  useEffect(() => {
    call(MyGamesDocument, { status: status || null, limit: PAGE_SIZE, nextToken: token }).then(
      (data) => {
        setGames(data.myGames?.items ?? []);
        setNextToken(data.myGames?.nextToken ?? null);
      },
      (e) => setError(toApiError(e)),
    );
  }, [status, token, reload]);

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
            setError(e);
          },
          ready: () => {
            setLive(true);
            setReload((n) => n + 1);
          },
        },
      ),
    [],
  );

  const create = async (event: FormEvent<HTMLFormElement>) => {
    const { opponent, heaps } = formValues(event);
    setCreateError(null);
    try {
      const { createGame } = await call(CreateGameDocument, { opponent: opponent.trim(), heaps: parseHeaps(heaps) });
      if (createGame) location.hash = `#/game/${createGame.gameId}`;
    } catch (e) {
      setCreateError(toApiError(e));
    }
  };

  return (
    <section aria-labelledby="lobby-title">
      <h2 id="lobby-title">Lobby</h2>
      <p className="live" data-live={live ? 'on' : 'off'}>
        {live ? 'Invitations arrive live.' : 'Connecting for live invitations…'}
      </p>

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

      <form className="card" onSubmit={create} aria-labelledby="new-title">
        <h3 id="new-title">New game</h3>
        <div className="field">
          <label htmlFor="opponent">Opponent</label>
          <input id="opponent" name="opponent" required defaultValue={suggested ?? ''} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="heaps">Heaps (optional, e.g. 5 4 5)</label>
          <input id="heaps" name="heaps" inputMode="numeric" placeholder="5 4 5" />
        </div>
        <ErrorText error={createError} />
        <button type="submit">Invite</button>
      </form>

      <section aria-labelledby="games-title">
        <h3 id="games-title">My games</h3>
        <div className="field inline">
          <label htmlFor="status">Show</label>
          <select
            id="status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as GameStatus | '');
              setPages([null]);
            }}
          >
            <option value="">all games</option>
            <option value="IN_PROGRESS">in progress</option>
            <option value="FINISHED">finished</option>
          </select>
        </div>
        <ErrorText error={error} />
        {games.length === 0 ? <p>No games.</p> : null}
        <ul className="games" data-testid="games">
          {games.map((game) => (
            <li key={game.gameId}>
              <a href={`#/game/${game.gameId}`}>{gameSummary(game, me)}</a> <span className="hint">{new Date(game.createdAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
        <nav className="pager" aria-label="Pages of games">
          <button type="button" disabled={pages.length < 2} onClick={() => setPages((p) => p.slice(0, -1))}>
            Previous page
          </button>
          <span>Page {pages.length}</span>
          <button type="button" disabled={!nextToken} onClick={() => setPages((p) => [...p, nextToken])}>
            Next page
          </button>
        </nav>
      </section>
    </section>
  );
}
