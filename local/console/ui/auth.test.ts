import { assert, test } from 'vitest';
import { authHeaders, refreshDelay, type AuthState, type Session } from './auth';
import { realtimeUrl } from './realtime';

const session: Session = { username: 'ann', accessToken: 'access', idToken: 'id', refreshToken: 'refresh', expiresAt: 3_600_000 };

test('each auth mode sends its own header, as AppSync clients do', () => {
  const state: AuthState = { choice: 'API_KEY', apiKey: 'da2-key', session, pastedToken: ' pasted ' };
  assert.deepEqual(authHeaders(state), { 'x-api-key': 'da2-key' });
  assert.deepEqual(authHeaders({ ...state, choice: 'USER_POOL_SIGN_IN' }), { Authorization: 'access' });
  assert.deepEqual(authHeaders({ ...state, choice: 'USER_POOL_SIGN_IN', session: null }), {});
  assert.deepEqual(authHeaders({ ...state, choice: 'USER_POOL_TOKEN' }), { Authorization: 'pasted' });
});

test('the token is refreshed a minute before it expires, sooner for short-lived tokens, never at once', () => {
  assert.equal(refreshDelay(session, 0), 3_540_000);
  assert.equal(refreshDelay({ ...session, expiresAt: 60_000 }, 0), 30_000);
  assert.equal(refreshDelay(session, 3_600_000), 1000);
});

test('the real-time URL carries the auth headers base64 in `header` and `{}` in `payload`', () => {
  const url = new URL(realtimeUrl('/graphql/realtime', { Authorization: 'token' }, { protocol: 'http:', host: '127.0.0.1:4000' }));
  assert.equal(url.protocol, 'ws:');
  assert.equal(url.pathname, '/graphql/realtime');
  assert.equal(url.searchParams.get('payload'), 'e30=');
  assert.deepEqual(JSON.parse(atob(url.searchParams.get('header')!)), { host: '127.0.0.1:4000', Authorization: 'token' });
  const keyed = new URL(realtimeUrl('/graphql/realtime', { 'x-api-key': 'da2-k' }, { protocol: 'https:', host: 'example.test' }));
  assert.equal(keyed.protocol, 'wss:');
  const header = JSON.parse(atob(keyed.searchParams.get('header')!)) as Record<string, string>;
  assert.equal(header['x-api-key'], 'da2-k');
  assert.match(header['x-amz-date'], /^\d{8}T\d{6}Z$/);
});
