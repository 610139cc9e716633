/** Who is signed in and which screen shows; screens are addressed by the URL hash (#/lobby, #/game/ID, …). */
import { useEffect, useState } from 'react';
import { getCurrentUser, signOut } from 'aws-amplify/auth';
import { Confirm, Register, SignIn } from './auth.js';
import { Board } from './board.js';
import type { Outputs } from './config.js';
import { Leaderboard } from './leaderboard.js';
import { Lobby } from './lobby.js';
import { MyProfile, PlayerProfile } from './profile.js';
import { Watch } from './watch.js';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function Screen({ hash, me }: { hash: string; me: string }) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name, arg] = path.split('/');
  if (name === 'game' && arg) return <Board key={arg} gameId={decodeURIComponent(arg)} me={me} />;
  if (name === 'player' && arg) return <PlayerProfile username={decodeURIComponent(arg)} />;
  if (name === 'profile') return <MyProfile />;
  if (name === 'watch') return <Watch />;
  if (name === 'leaderboard') return <Leaderboard me={me} />;
  return <Lobby me={me} opponent={new URLSearchParams(query).get('opponent') ?? undefined} />;
}

export function App({ outputs }: { outputs: Outputs }) {
  // undefined while the stored session is checked; null when nobody is signed in.
  const [me, setMe] = useState<string | null | undefined>(undefined);
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [confirming, setConfirming] = useState<{ username: string; password: string } | null>(null);
  const hash = useHash();
  useEffect(() => {
    getCurrentUser().then(
      (user) => setMe(user.username),
      () => setMe(null),
    );
  }, []);
  const signedIn = (username: string) => {
    setConfirming(null);
    setMe(username);
  };
  const leave = async () => {
    await signOut();
    setMe(null);
    location.hash = '';
  };

  if (me === undefined) return <p className="loading">Loading…</p>;
  if (!me) {
    return (
      <main className="signed-out">
        <h1>turnbase · Nim</h1>
        <p>Take turns taking objects from the heaps. Whoever takes the last object loses.</p>
        {confirming ? (
          <Confirm username={confirming.username} password={confirming.password} onSignedIn={signedIn} />
        ) : (
          <>
            <div className="tabs" role="group" aria-label="Account">
              <button type="button" aria-pressed={mode === 'signin'} onClick={() => setMode('signin')}>
                I have an account
              </button>
              <button type="button" aria-pressed={mode === 'register'} onClick={() => setMode('register')}>
                I am new here
              </button>
            </div>
            {mode === 'signin' ? (
              <SignIn onSignedIn={signedIn} onConfirm={(username, password) => setConfirming({ username, password })} />
            ) : (
              <Register policy={outputs.auth?.password_policy} onSignedIn={signedIn} onConfirm={(username, password) => setConfirming({ username, password })} />
            )}
          </>
        )}
      </main>
    );
  }
  return (
    <>
      <header>
        <h1>
          <a href="#/lobby">turnbase · Nim</a>
        </h1>
        <nav aria-label="Main">
          <a href="#/lobby">Lobby</a>
          <a href="#/watch">Watch</a>
          <a href="#/leaderboard">Leaderboard</a>
          <a href="#/profile">Profile</a>
          <span className="me" data-testid="me">
            {me}
          </span>
          <button type="button" onClick={leave}>
            Sign out
          </button>
        </nav>
      </header>
      <main>
        <Screen hash={hash} me={me} />
      </main>
    </>
  );
}
