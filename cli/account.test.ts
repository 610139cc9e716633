/**
 * `turnbase` against a running engine: registering, signing in and out, the session file, refreshing and
 * expiring sessions, and `query`.
 *
 * Commands run in this process (test-helpers `run`), each with its own streams and environment. A few run as
 * real processes through cli/bin.mjs (`runProcess`), for what only a process shows: the bin shim itself, the
 * password piped into a process's stdin (the first login), and the exit codes a process ends with: 0 there,
 * 3 for a wrong password, 1 for a GraphQL error, 2 for a bad command line, 4 for a missing outputs file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunningEngine } from '../local/index.js';
import { startTestEngine } from '../test/support/engine.js';
import { run, runProcess } from './test-helpers.js';

let engine: RunningEngine;
let dir: string;
let env: Record<string, string>;
const turnbase = (args: string[], input = '', extra: Record<string, string> = {}) => run(args, { ...env, ...extra }, input);
const turnbaseProcess = (args: string[], input = '', extra: Record<string, string> = {}) => runProcess(args, { ...env, ...extra }, input);
const sessionFile = (profile = 'default') => join(dir, 'config', 'turnbase', `${profile}.session.json`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turnbase-cli-'));
  engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: join(dir, 'amplify_outputs.json') });
  env = { XDG_CONFIG_HOME: join(dir, 'config'), TURNBASE_OUTPUTS: join(dir, 'amplify_outputs.json'), TURNBASE_PROFILE: 'default' };
  const registered = await turnbase(['register', 'ann', '--email', 'ann@example.com', '--phone', '+15555550170', '--height', '70', '--weight', '150'], 'Mypassword1\n');
  assert.equal(registered.code, 0, registered.stderr);
});

afterAll(async () => {
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('turnbase login, whoami, logout', { timeout: 120_000 }, () => {
  test('login reads the password from stdin and keeps the session in a file only its user can read', async () => {
    const login = await turnbaseProcess(['login', 'ann'], 'Mypassword1\n');
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Signed in as ann/);
    assert.equal(statSync(sessionFile()).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'config', 'turnbase')).mode & 0o777, 0o700);
    // The password itself is never kept.
    assert.ok(!readFileSync(sessionFile(), 'utf8').includes('Mypassword1'));
    const whoami = await turnbase(['whoami']);
    assert.equal(whoami.code, 0, whoami.stderr);
    assert.match(whoami.stdout, /^ann at http:\/\/127\.0\.0\.1:\d+\/graphql/);
  });

  test('a wrong password says so and exits 3, keeping no session', async () => {
    const login = await turnbaseProcess(['login', 'ann', '--profile', 'wrong'], 'Notthepassword1\n');
    assert.equal(login.code, 3);
    assert.equal(login.stderr.trim(), 'turnbase: Sign-in failed: Incorrect username or password.');
    const whoami = await turnbase(['whoami', '--profile', 'wrong']);
    assert.equal(whoami.code, 3);
    assert.match(whoami.stderr, /Not signed in to .*: run `turnbase login`/);
  });

  test('expired tokens are refreshed through Cognito and the renewed session saved', async () => {
    const login = await turnbase(['login', 'ann', '--profile', 'stale'], 'Mypassword1\n');
    assert.equal(login.code, 0, login.stderr);
    const saved = JSON.parse(readFileSync(sessionFile('stale'), 'utf8')) as Record<string, Record<string, unknown>>;
    const [url] = Object.keys(saved);
    // Tokens past their time, and unusable besides: only a refresh can make the next command work.
    saved[url] = { ...saved[url], accessToken: 'expired', idToken: 'expired', expiresAt: Date.now() - 1000 };
    writeFileSync(sessionFile('stale'), JSON.stringify(saved));
    const me = await turnbase(['query', '{ me { username } }', '--profile', 'stale']);
    assert.equal(me.code, 0, me.stderr);
    assert.deepEqual(JSON.parse(me.stdout), { me: { username: 'ann' } });
    const renewed = JSON.parse(readFileSync(sessionFile('stale'), 'utf8')) as Record<string, Record<string, unknown>>;
    assert.ok((renewed[url].expiresAt as number) > Date.now());
    assert.notEqual(renewed[url].accessToken, 'expired');
    assert.equal(renewed[url].refreshToken, saved[url].refreshToken);
    assert.equal(statSync(sessionFile('stale')).mode & 0o777, 0o600);
  });

  test('a session whose refresh token was revoked ends with a clear message and exit 3', async () => {
    assert.equal((await turnbase(['login', 'ann', '--profile', 'revoked'], 'Mypassword1\n')).code, 0);
    const copy = JSON.parse(readFileSync(sessionFile('revoked'), 'utf8')) as Record<string, Record<string, unknown>>;
    const logout = await turnbase(['logout', '--profile', 'revoked']);
    assert.equal(logout.code, 0, logout.stderr);
    assert.match(logout.stdout, /Signed out ann/);
    const after = await turnbase(['whoami', '--profile', 'revoked']);
    assert.equal(after.code, 3);
    // A copy of the file taken before logout, once its tokens expire, is worth nothing: logout revoked it.
    const [url] = Object.keys(copy);
    copy[url].expiresAt = Date.now() - 1000;
    writeFileSync(sessionFile('revoked'), JSON.stringify(copy), { mode: 0o600 });
    const games = await turnbase(['games', '--profile', 'revoked']);
    assert.equal(games.code, 3);
    assert.equal(games.stderr.trim(), 'turnbase: Your session has expired (Refresh Token has been revoked): run `turnbase login` to sign in again.');
    assert.equal((await turnbase(['whoami', '--profile', 'revoked'])).code, 3);
  });
});

describe('turnbase query', { timeout: 120_000 }, () => {
  test('prints the JSON result, signed in or with the API key, with variables', async () => {
    assert.equal((await turnbase(['login', 'ann', '--profile', 'q'], 'Mypassword1\n')).code, 0);
    const mine = await turnbase(['query', 'query { me { username height } }', '--profile', 'q']);
    assert.equal(mine.code, 0, mine.stderr);
    assert.deepEqual(JSON.parse(mine.stdout), { me: { username: 'ann', height: 70 } });
    const anyone = await turnbase(['query', 'query ($u: String!) { getUser(username: $u) { username weight email } }', '--variables', '{"u":"ann"}', '--auth', 'api-key', '--profile', 'q']);
    assert.equal(anyone.code, 0, anyone.stderr);
    // email is null for anyone but the player: proof that the API key, not the session, was used.
    assert.deepEqual(JSON.parse(anyone.stdout), { getUser: { username: 'ann', weight: 150, email: null } });
  });

  test('- reads the document from stdin', async () => {
    assert.equal((await turnbase(['login', 'ann', '--profile', 'q3'], 'Mypassword1\n')).code, 0);
    const piped = await turnbase(['query', '-', '--profile', 'q3'], 'query {\n  me { username }\n}\n');
    assert.equal(piped.code, 0, piped.stderr);
    assert.deepEqual(JSON.parse(piped.stdout), { me: { username: 'ann' } });
    const empty = await turnbase(['query', '-', '--profile', 'q3'], '\n');
    assert.equal(empty.code, 2);
    assert.equal(empty.stderr, 'turnbase: The GraphQL document is empty.\n');
  });

  test('a GraphQL error exits 1 with the API message on stderr', async () => {
    assert.equal((await turnbase(['login', 'ann', '--profile', 'q2'], 'Mypassword1\n')).code, 0);
    const refused = await turnbaseProcess(['query', 'mutation { makeMove(gameId: "01ARZ3NDEKTSV4RRFFQ69G5FAV", heap: 1, count: 1) { gameId } }', '--profile', 'q2']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^turnbase: There is no game "01ARZ3NDEKTSV4RRFFQ69G5FAV"\. \(GameNotFound\)\n$/);
    const invalid = await turnbase(['query', '{ nothingHere }', '--profile', 'q2']);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /Cannot query field "nothingHere" on type "Query"/);
    // me needs a signed-in user: with the API key AppSync refuses it.
    const unauthorized = await turnbase(['query', '{ me { username } }', '--auth', 'api-key', '--profile', 'q2']);
    assert.equal(unauthorized.code, 1);
    assert.match(unauthorized.stderr, /Not Authorized to access me on type Query/);
  });

  test('a bad command line exits 2 with one line saying what is wrong (cli/main.test.ts has the cases)', async () => {
    const result = await turnbaseProcess(['move', 'g1', '1']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'turnbase: Usage: turnbase move <gameId> <heap> <count> (see `turnbase move --help`).\n');
  });

  test('a missing outputs file exits 4 and says how to get one', async () => {
    const result = await turnbaseProcess(['whoami'], '', { TURNBASE_OUTPUTS: join(dir, 'nowhere.json') });
    assert.equal(result.code, 4);
    assert.match(result.stderr, /Cannot read .*nowhere\.json/);
    const flag = await turnbase(['whoami', '--outputs', join(dir, 'amplify_outputs.json'), '--profile', 'q']);
    assert.equal(flag.code, 0, flag.stderr);
  });
});
