/**
 * One game: heaps drawn as objects (clicking an object takes it and every object to its right), whose
 * turn it is, the history, the opponent's moves live over onMove, a hint, resign, the end with the prize
 * and a rematch. A signed-in player who is not in a public game sees the same board, read-only.
 */
import { useEffect, useState } from 'react';
import {
  GetGameDocument,
  GetUserDocument,
  HintDocument,
  MakeMoveDocument,
  OnMoveDocument,
  RematchDocument,
  ResignDocument,
  type GameFieldsFragment,
  type HintQuery,
  type ItemFieldsFragment,
} from '../../client/generated/graphql.js';
import { ApiError, call, subscribe, toApiError } from './api.js';
import { Countdown } from './countdown.js';
import { ErrorText, describeItem, playerName } from './ui.js';

type Hint = NonNullable<HintQuery['hint']>;

/** The newest game's version wins: a live event and a mutation's answer may arrive in either order. */
function newer(current: GameFieldsFragment | null, incoming: GameFieldsFragment | null | undefined): GameFieldsFragment | null {
  if (!incoming) return current;
  return !current || incoming.version >= current.version ? incoming : current;
}

function endText(game: GameFieldsFragment, me: string): string {
  const name = (player: string | null | undefined) => playerName(player ?? '', game.computer);
  const how = game.endReason === 'RESIGNED' ? `${name(game.loser)} resigned` : game.endReason === 'TIMEOUT' ? `${name(game.loser)} ran out of time` : `${name(game.loser)} took the last object`;
  return game.winner === me ? `You won: ${how}.` : `${name(game.winner)} won: ${how}.`;
}

function hintText(hint: Hint): string {
  const move = `take ${hint.count} from heap ${hint.heap}`;
  return hint.winning ? `Hint: ${move}; it wins against any reply.` : `Hint: ${move}. No move wins against perfect play; this one leaves the most room.`;
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
  // A hint holds for the game version it was asked at; any move makes it stale.
  const [hint, setHint] = useState<{ version: number; hint: Hint } | null>(null);

  const load = () =>
    call(GetGameDocument, { gameId }).then(
      (data) => (data.getGame ? setGame((g) => newer(g, data.getGame)) : setError(new ApiError('There is no such game, or you may not see it.'))),
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
          // The game's own answer says more (e.g. why it may not be seen): it is not replaced by the subscription's.
          setError((current) => current ?? e);
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
    if (!finished || !game?.winner || game.computer) return; // the computer wins no prize
    call(GetUserDocument, { username: game.winner }).then(
      (data) => setPrize(latestPrize(data.getUser?.items ?? []) ?? null),
      (e) => setError(toApiError(e)),
    );
  }, [finished, game?.winner]);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const update = (run: () => Promise<GameFieldsFragment | null | undefined>) =>
    act(async () => {
      const updated = await run();
      setGame((g) => newer(g, updated));
    });
  const take = (heap: number, count: number) => update(async () => (await call(MakeMoveDocument, { gameId, heap, count })).makeMove);
  const resign = () => update(async () => (await call(ResignDocument, { gameId })).resign);
  const askHint = () =>
    act(async () => {
      const { hint: answer } = await call(HintDocument, { gameId });
      if (answer && game) setHint({ version: game.version, hint: answer });
    });
  // Asked again (by either player) the API answers with the same rematch, so the button needs no state of its own.
  const rematch = () =>
    act(async () => {
      const { rematch: next } = await call(RematchDocument, { gameId });
      if (next) location.hash = `#/game/${next.gameId}`;
    });

  if (!game) {
    return (
      <section>
        <h2>Game</h2>
        <ErrorText error={error} />
        {error ? null : <p>Loading the game…</p>}
      </section>
    );
  }
  const name = (player: string | null | undefined) => playerName(player ?? '', game.computer);
  const playing = game.players.includes(me);
  const opponent = game.player1 === me ? game.player2 : game.player1;
  const myTurn = game.turn === me;
  const shownHint = hint && hint.version === game.version && myTurn ? hint.hint : null;
  const title = playing ? `You vs ${name(opponent)}` : `${name(game.player1)} vs ${name(game.player2)}`;
  const turnText = finished
    ? endText(game, me)
    : myTurn
      ? 'Your turn: click an object to take it and all to its right.'
      : `Waiting for ${name(game.turn)} to move.`;
  return (
    <section aria-labelledby="game-title" className="board" data-version={game.version}>
      <h2 id="game-title">{title}</h2>
      {playing ? null : <p className="spectating">You are watching this public game.</p>}
      <p className="live" data-live={live ? 'on' : 'off'}>
        {live ? (!playing ? 'Moves appear here live.' : game.computer ? 'The computer replies as soon as you move.' : `${opponent}'s moves appear here live.`) : 'Connecting for live moves…'}
      </p>
      <p className={`turn ${myTurn ? 'mine' : ''}`} role="status" data-testid="turn">
        {turnText}
      </p>
      {!finished && game.turnDeadline ? <Countdown key={game.turnDeadline} deadline={game.turnDeadline} who={myTurn ? 'Your time' : `Time ${name(game.turn)} has`} /> : null}
      {finished && prize ? (
        <p className="prize" data-testid="prize">
          Prize for {game.winner === me ? 'you' : game.winner}: {describeItem(prize)}.
        </p>
      ) : null}
      <ErrorText error={error} />
      {shownHint ? (
        <p className="hint-move" role="status" data-testid="hint">
          {hintText(shownHint)}
        </p>
      ) : null}
      <ol className="heaps" aria-label="Heaps">
        {game.heaps.map((size, index) => {
          const heap = index + 1;
          const hinted = shownHint?.heap === heap ? shownHint.count : 0;
          return (
            <li key={heap} className="heap" data-heap={heap} data-size={size}>
              <span className="heap-label">
                Heap {heap}: {size}
              </span>
              <span className="objects">
                {Array.from({ length: size }, (_, position) => {
                  const count = size - position;
                  // The hint marks the objects its move takes: the last `hinted` of the heap.
                  const className = count <= hinted ? 'object hinted' : 'object';
                  if (!playing) return <span key={position} className={className} role="img" aria-label={`Object ${position + 1} of heap ${heap}`} />;
                  return (
                    <button
                      type="button"
                      key={position}
                      className={className}
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
      {playing ? (
        <div className="actions">
          {!finished && myTurn ? (
            <button type="button" disabled={busy} onClick={askHint}>
              Hint
            </button>
          ) : null}
          {finished ? null : (
            <button type="button" className="resign" disabled={busy} onClick={resign}>
              Resign
            </button>
          )}
          {finished ? (
            <button type="button" disabled={busy} onClick={rematch}>
              Rematch
            </button>
          ) : null}
        </div>
      ) : null}
      <h3>Moves</h3>
      {game.moves.length === 0 && game.turn ? <p>No moves yet; {game.turn === me ? 'you move' : `${name(game.turn)} moves`} first.</p> : null}
      <ol className="moves" data-testid="moves">
        {game.moves.map((move) => (
          <li key={move.number}>
            {move.player === me ? 'You' : name(move.player)} took {move.count} from heap {move.heap} → {move.heapsAfter.join(' · ')}
          </li>
        ))}
      </ol>
    </section>
  );
}
