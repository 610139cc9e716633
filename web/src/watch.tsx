/** Live public games any signed-in player may watch; each opens the read-only board (board.tsx). */
import { PublicGamesDocument } from '../../client/generated/graphql.js';
import { call } from './api.js';
import { ErrorText, Pager, playerName, usePaged } from './ui.js';

const PAGE_SIZE = 10;

export function Watch() {
  const games = usePaged((nextToken) => call(PublicGamesDocument, { limit: PAGE_SIZE, nextToken }).then((data) => data.publicGames), []);
  return (
    <section aria-labelledby="watch-title">
      <h2 id="watch-title">Watch</h2>
      <p className="hint">Public games being played now, newest first. Their moves appear live while you watch.</p>
      <ErrorText error={games.error} />
      {games.items === null && !games.error ? <p>Loading…</p> : null}
      {games.items?.length === 0 ? <p>No public games right now.</p> : null}
      <ul className="games" data-testid="public-games">
        {(games.items ?? []).map((game) => (
          <li key={game.gameId}>
            <a href={`#/game/${game.gameId}`}>
              Watch {playerName(game.player1, game.computer)} vs {playerName(game.player2, game.computer)}
            </a>{' '}
            <span className="hint">
              {game.heaps.join(' · ')}, {game.turn} to move
            </span>
          </li>
        ))}
      </ul>
      <Pager label="Pages of public games" paged={games} />
    </section>
  );
}
