/** The bar above GraphiQL: which auth mode the console's requests use, and the credentials for it. */
import { useEffect, useState, type FormEvent } from 'react';
import { choicesFor, refresh, refreshDelay, signIn, type AuthState, type Choice } from './auth';
import type { ConsoleConfig } from './config';

interface Props {
  config: ConsoleConfig;
  state: AuthState;
  onChange(state: AuthState): void;
}

function SignIn({ config, state, onChange }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const session = state.session;

  // Refresh the access token before it expires, for as long as this session is the one signed in.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => {
      refresh(config, session).then(
        (next) => onChange({ ...state, session: next }),
        (reason: Error) => {
          setError(`Token refresh failed (${reason.message}); sign in again.`);
          onChange({ ...state, session: null });
        },
      );
    }, refreshDelay(session, Date.now()));
    return () => clearTimeout(timer);
  }, [session, config, state, onChange]);

  if (session) {
    return (
      <span className="tb-signed-in" aria-label="signed in">
        Signed in as <strong>{session.username}</strong>
        <span className="tb-muted"> · token valid until {new Date(session.expiresAt).toLocaleTimeString()}, refreshed before then</span>
        <button type="button" onClick={() => onChange({ ...state, session: null })}>Sign out</button>
      </span>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    signIn(config, username, password).then(
      (next) => {
        setPassword('');
        onChange({ ...state, session: next });
      },
      (reason: Error) => setError(reason.message),
    ).finally(() => setBusy(false));
  };
  return (
    <form className="tb-sign-in" onSubmit={submit} aria-label="sign in">
      <input aria-label="username" placeholder="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      <input aria-label="password" placeholder="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={busy || !username || !password}>Sign in</button>
      {error && <span className="tb-error" role="alert">{error}</span>}
    </form>
  );
}

export function AuthBar(props: Props) {
  const { config, state, onChange } = props;
  return (
    <div className="tb-bar">
      <span className="tb-title">{config.name}</span>
      <label>
        Auth mode{' '}
        <select aria-label="auth mode" value={state.choice} onChange={(e) => onChange({ ...state, choice: e.target.value as Choice })}>
          {choicesFor(config).map((c) => (
            <option key={c.value} value={c.value}>{c.label}</option>
          ))}
        </select>
      </label>
      {state.choice === 'API_KEY' && (
        <input className="tb-wide" aria-label="API key" value={state.apiKey} onChange={(e) => onChange({ ...state, apiKey: e.target.value })} />
      )}
      {state.choice === 'USER_POOL_SIGN_IN' && <SignIn {...props} />}
      {state.choice === 'USER_POOL_TOKEN' && (
        <input className="tb-wide" aria-label="token" placeholder="paste an access or ID token" value={state.pastedToken} onChange={(e) => onChange({ ...state, pastedToken: e.target.value })} />
      )}
    </div>
  );
}
