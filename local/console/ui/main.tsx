/**
 * The local console: GraphiQL (schema docs, history, variables, headers) with AppSync's auth modes in a
 * bar above it and the outbox, data and log panels in its sidebar. It learns everything from the engine's
 * description of the API (`/console/api/config`), so it serves any API the engine runs.
 */
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { buildClientSchema, type IntrospectionQuery } from 'graphql';
import { useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './console.css';
import './workers';
import { authHeaders, type AuthState, type Choice } from './auth';
import { AuthBar } from './AuthBar';
import { getJson, type ConsoleConfig } from './config';
import { createFetcher } from './fetcher';
import { consolePlugins } from './panels';

// Each tab keeps its own sign-in (two tabs can play as two players); a reload keeps it.
const STORAGE_KEY = 'turnbase-console-auth';

function initialAuth(config: ConsoleConfig): AuthState {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  const fallback: Choice = config.defaultAuthMode === 'API_KEY' || !config.userPool ? (config.apiKey ? 'API_KEY' : 'USER_POOL_TOKEN') : 'USER_POOL_SIGN_IN';
  const state: AuthState = { choice: fallback, apiKey: config.apiKey ?? '', session: null, pastedToken: '' };
  if (!stored) return state;
  try {
    const saved = JSON.parse(stored) as Partial<AuthState> & { clientId?: string };
    // A session of another pool (an engine started with --memory makes a new one) is useless here.
    const session = saved.session && saved.clientId === config.userPool?.clientId && saved.session.expiresAt > Date.now() ? saved.session : null;
    return { ...state, choice: saved.choice ?? state.choice, session, pastedToken: saved.pastedToken ?? '' };
  } catch {
    return state;
  }
}

function Console({ config, schema }: { config: ConsoleConfig; schema: IntrospectionQuery }) {
  const [auth, setAuth] = useState(() => initialAuth(config));
  const authRef = useRef(auth);
  authRef.current = auth;
  const onChange = useCallback(
    (next: AuthState) => {
      setAuth(next);
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ choice: next.choice, session: next.session, pastedToken: next.pastedToken, clientId: config.userPool?.clientId }));
    },
    [config],
  );
  // One fetcher for the page's life; it reads the current auth state on every request.
  const fetcher = useMemo(() => createFetcher({ graphql: config.graphqlPath, realtime: config.realtimePath }, () => authHeaders(authRef.current)), [config]);
  const clientSchema = useMemo(() => buildClientSchema(schema), [schema]);
  const plugins = useMemo(() => [HISTORY_PLUGIN, ...consolePlugins(config)], [config]);
  // Links can carry an operation: /?query=...&variables=... opens it in the editor.
  const link = useMemo(() => new URLSearchParams(location.search), []);
  return (
    <div className="tb-console">
      <AuthBar config={config} state={auth} onChange={onChange} />
      <div className="tb-graphiql">
        <GraphiQL
          fetcher={fetcher}
          schema={clientSchema}
          plugins={plugins}
          initialQuery={link.get('query') ?? undefined}
          initialVariables={link.get('variables') ?? undefined}
          defaultEditorToolsVisibility={true}
        >
          <GraphiQL.Logo>local console</GraphiQL.Logo>
        </GraphiQL>
      </div>
    </div>
  );
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  try {
    const [config, schema] = await Promise.all([getJson<ConsoleConfig>('/console/api/config'), getJson<IntrospectionQuery>('/console/api/schema')]);
    document.title = `${config.name} · local console`;
    root.render(<Console config={config} schema={schema} />);
  } catch (error) {
    root.render(<p className="tb-error">The console could not reach the engine: {(error as Error).message}</p>);
  }
}

void start();
