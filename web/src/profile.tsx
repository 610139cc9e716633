/** The player's own profile (character, stats, inventory, addItem) and anyone's public profile. */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { AddItemDocument, GetUserDocument, MeDocument, type ItemFieldsFragment, type UserFieldsFragment } from '../../client/generated/graphql.js';
import { ApiError, call, toApiError } from './api.js';
import { ErrorText, describeItem, formValues } from './ui.js';

export function Inventory({ items }: { items: ItemFieldsFragment[] }) {
  if (items.length === 0) return <p>No items yet.</p>;
  return (
    <table className="inventory">
      <caption className="visually-hidden">Inventory</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Property</th>
          <th scope="col">From</th>
          <th scope="col">Acquired</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.itemId}>
            <td>{item.type.toLowerCase()}</td>
            <td>
              {Object.entries(item.properties)
                .filter(([, v]) => typeof v === 'number')
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}
            </td>
            <td>{item.source === 'GAME_WON' ? 'won in a game' : 'found'}</td>
            <td>{new Date(item.acquiredAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Character({ user }: { user: UserFieldsFragment }) {
  return (
    <dl className="facts">
      <dt>Height</dt>
      <dd>{user.height}</dd>
      <dt>Weight</dt>
      <dd>{user.weight}</dd>
      <dt>Rating</dt>
      <dd data-testid="rating">{user.rating}</dd>
      <dt>Games</dt>
      <dd data-testid="stats">
        {user.stats.gamesPlayed} played, {user.stats.gamesWon} won, {user.stats.gamesLost} lost
      </dd>
      {user.email ? (
        <>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </>
      ) : null}
      {user.phoneNumber ? (
        <>
          <dt>Phone</dt>
          <dd>{user.phoneNumber}</dd>
        </>
      ) : null}
      <dt>Joined</dt>
      <dd>{new Date(user.createdAt).toLocaleDateString()}</dd>
    </dl>
  );
}

export function MyProfile() {
  const [user, setUser] = useState<UserFieldsFragment | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [found, setFound] = useState<string>('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call(MeDocument, {}).then(
      (data) => setUser(data.me),
      (e) => setError(toApiError(e)),
    );
  }, []);
  const search = async () => {
    setBusy(true);
    setError(null);
    try {
      const { addItem } = await call(AddItemDocument, {});
      if (addItem) {
        setFound(`You found: ${describeItem(addItem)}.`);
        setUser((u) => (u ? { ...u, items: [...u.items, addItem] } : u));
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const lookUp = (event: FormEvent<HTMLFormElement>) => {
    const { username } = formValues(event);
    if (username.trim()) location.hash = `#/player/${encodeURIComponent(username.trim())}`;
  };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{user ? user.username : 'Your profile'}</h2>
      <ErrorText error={error} />
      {user ? <Character user={user} /> : null}
      <h3>Inventory</h3>
      <button type="button" onClick={search} disabled={busy}>
        Search for an item
      </button>
      <p role="status" className="found">
        {found}
      </p>
      {user ? <Inventory items={user.items} /> : null}
      <form className="inline" onSubmit={lookUp}>
        <label htmlFor="lookup">Look at a player</label>
        <input id="lookup" name="username" placeholder="username" />
        <button type="submit">Show</button>
      </form>
    </section>
  );
}

export function PlayerProfile({ username }: { username: string }) {
  const [user, setUser] = useState<UserFieldsFragment | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setUser(undefined);
    call(GetUserDocument, { username }).then(
      (data) => setUser(data.getUser),
      (e) => setError(toApiError(e)),
    );
  }, [username]);
  return (
    <section aria-labelledby="player-title">
      <h2 id="player-title">{username}</h2>
      <ErrorText error={error} />
      {user === null ? <p>There is no player named {username}.</p> : null}
      {user ? (
        <>
          <Character user={user} />
          <h3>Inventory</h3>
          <Inventory items={user.items} />
          <p>
            <a href={`#/lobby?opponent=${encodeURIComponent(username)}`}>Challenge {username}</a>
          </p>
        </>
      ) : null}
    </section>
  );
}
