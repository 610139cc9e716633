/**
 * One game: heaps drawn as objects (clicking an object takes it and every object to its right), whose
 * turn it is, the history, the opponent's moves live over onMove, resign, and the end with the prize.
 */
import { useEffect, useState } from 'react';
import { GetGameDocument, GetUserDocument, MakeMoveDocument, OnMoveDocument, ResignDocument, type GameFieldsFragment, type ItemFieldsFragment } from '../../client/generated/graphql.js';
import { ApiError, call, subscribe, toApiError } from './api.js';
import { ErrorText, describeItem } from './ui.js';

/** The newest game's version wins: a live event and a mutation's answer may arrive in either order. */
function newer(current: GameFieldsFragment | null, incoming: GameFieldsFragment | null | undefined): GameFieldsFragment | null {
  if (!incoming) return current;
  return !current || incoming.version >= current.version ? incoming : current;
}

function endText(game: GameFieldsFragment, me: string): string {
  const how = game.endReason === 'RESIGNED' ? `${game.loser} resigned` : `${game.loser} took the last object`;
  return game.winner === me ? `You won: ${how}.` : `${game.winner} won: ${how}.`;
}

/** The winner's most recent prize: winning adds a GAME_WON item in the same write that ends the game. */
function latestPrize(items: ItemFieldsFragment[]): ItemFieldsFragment | undefined {
  return items.filter((i) => i.source === 'GAME_WON').sort((a, b) => b.acquiredAt.localeCompare(a.acquiredAt))[0];
}

export function Board({ gameId, me }: { gameId: string; me: string }) {
  const [game, setGame] = useState<GameFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [live, setLive] = useState(false);
  const [prize, setPrize] = useState<ItemFieldsFragment | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    call(GetGameDocument, { gameId }).then(
      (data) => (data.getGame ? setGame((g) => newer(g, data.getGame)) : setError(new ApiError('There is no such game, or it is not yours.'))),
      (e) => setError(toApiError(e)),
    );

  useEffect(() => {
    setGame(null);
    setLive(false);
    load();
    return subscribe(
      OnMoveDocument,
      { gameId },
      {
        next: (data) => setGame((g) => newer(g, data.onMove)),
        error: (e) => {
          setLive(false);
          setError(e);
        },
        ready: () => {
          setLive(true);
          load(); // anything that happened before the subscription started
        },
      },
    );
  }, [gameId]);

  const finished = game?.status === 'FINISHED';
  useEffect(() => {
    if (!finished || !game?.winner) return;
    call(GetUserDocument, { username: game.winner }).then(
      (data) => setPrize(latestPrize(data.getUser?.items ?? []) ?? null),
      (e) => setError(toApiError(e)),
    );
  }, [finished, game?.winner]);

  const act = async (run: () => Promise<GameFieldsFragment | null | undefined>) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await run();
      setGame((g) => newer(g, updated));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const take = (heap: number, count: number) => act(async () => (await call(MakeMoveDocument, { gameId, heap, count })).makeMove);
  const resign = () => act(async () => (await call(ResignDocument, { gameId })).resign);

  if (!game) {
    return (
      <section>
        <h2>Game</h2>
        <ErrorText error={error} />
        {error ? null : <p>Loading the game…</p>}
      </section>
    );
  }
  const opponent = game.player1 === me ? game.player2 : game.player1;
  const myTurn = game.turn === me;
  return (
    <section aria-labelledby="game-title" className="board" data-version={game.version}>
      <h2 id="game-title">You vs {opponent}</h2>
      <p className="live" data-live={live ? 'on' : 'off'}>
        {live ? `${opponent}'s moves appear here live.` : 'Connecting for live moves…'}
      </p>
      <p className={`turn ${myTurn ? 'mine' : ''}`} role="status" data-testid="turn">
        {finished ? endText(game, me) : myTurn ? 'Your turn: click an object to take it and all to its right.' : `Waiting for ${game.turn} to move.`}
      </p>
      {finished && prize ? (
        <p className="prize" data-testid="prize">
          Prize for {game.winner === me ? 'you' : game.winner}: {describeItem(prize)}.
        </p>
      ) : null}
      <ErrorText error={error} />
      <ol className="heaps" aria-label="Heaps">
        {game.heaps.map((size, index) => {
          const heap = index + 1;
          return (
            <li key={heap} className="heap" data-heap={heap} data-size={size}>
              <span className="heap-label">
                Heap {heap}: {size}
              </span>
              <span className="objects">
                {Array.from({ length: size }, (_, position) => {
                  const count = size - position;
                  return (
                    <button
                      type="button"
                      key={position}
                      className="object"
                      disabled={finished || busy}
                      aria-label={`Take ${count} from heap ${heap}`}
                      title={`Take ${count} from heap ${heap}`}
                      onClick={() => take(heap, count)}
                    />
                  );
                })}
              </span>
            </li>
          );
        })}
      </ol>
      {finished ? null : (
        <button type="button" className="resign" disabled={busy} onClick={resign}>
          Resign
        </button>
      )}
      <h3>Moves</h3>
      {game.moves.length === 0 ? <p>No moves yet; {game.player2} moves first.</p> : null}
      <ol className="moves" data-testid="moves">
        {game.moves.map((move) => (
          <li key={move.number}>
            {move.player === me ? 'You' : move.player} took {move.count} from heap {move.heap} → {move.heapsAfter.join(' · ')}
          </li>
        ))}
      </ol>
    </section>
  );
}
