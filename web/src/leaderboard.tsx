/** Rated players, highest first, a page at a time; the signed-in player's row stands out. */
import { LeaderboardDocument } from '../../client/generated/graphql.js';
import { call } from './api.js';
import { ErrorText, Pager, usePaged } from './ui.js';

export const LEADERBOARD_PAGE_SIZE = 10;

export function Leaderboard({ me }: { me: string }) {
  const board = usePaged((nextToken) => call(LeaderboardDocument, { limit: LEADERBOARD_PAGE_SIZE, nextToken }).then((data) => data.leaderboard), []);
  const first = (board.page - 1) * LEADERBOARD_PAGE_SIZE;
  return (
    <section aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Leaderboard</h2>
      <p className="hint">Elo ratings from games between people; everyone starts at 1200.</p>
      <ErrorText error={board.error} />
      {board.items === null && !board.error ? <p>Loading…</p> : null}
      {board.items?.length === 0 ? <p>Nobody has played a rated game yet.</p> : null}
      {board.items?.length ? (
        <table className="leaderboard">
          <caption className="visually-hidden">Players by rating</caption>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Player</th>
              <th scope="col">Rating</th>
            </tr>
          </thead>
          <tbody>
            {board.items.map((entry, index) => (
              <tr key={entry.username} className={entry.username === me ? 'me' : undefined} aria-current={entry.username === me ? 'true' : undefined}>
                <td>{first + index + 1}</td>
                <td>
                  <a href={`#/player/${encodeURIComponent(entry.username)}`}>{entry.username}</a>
                </td>
                <td>{entry.rating}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager label="Pages of the leaderboard" paged={board} />
    </section>
  );
}
