/**
 * Issue 9, item 9: the user directory writes incrementally. A sign-in appends one journal line for the one
 * user it touched (the snapshot is left alone), a record keeps a bounded number of refresh tokens, a line cut
 * short by a crash is skipped on restart with every change before it kept, and a restart folds the journal in.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { MAX_REFRESH_TOKENS_PER_USER, openUserDirectory, type UserRecord } from './users.js';

const now = () => 1_000_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'turnbase-users-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function user(username: string): UserRecord {
  return { username, sub: `sub-${username}`, attributes: { email: `${username}@example.com` }, passwordHash: 'scrypt$x', status: 'CONFIRMED', createdAt: 1, modifiedAt: 1, refreshTokens: [], revokedOrigins: [] };
}

const size = (file: string) => statSync(join(dir, file)).size;

/** What a password sign-in does to the directory (local/cognito/stand-in.ts). */
function signIn(users: ReturnType<typeof openUserDirectory>, username: string, n: number): void {
  users.update(username, (stored) => {
    // Fixed-width names, so every record of the same number of tokens has the same size.
    const id = String(n).padStart(6, '0');
    stored.refreshTokens.push({ digest: `digest-${id}`, originJti: `jti-${id}`, expiresAt: now() + 1000, authTime: 1 });
  });
}

describe('user directory on disk', () => {
  test('a sign-in appends one line about its user and leaves the snapshot alone', () => {
    const seeded = openUserDirectory(dir, now);
    for (let i = 0; i < 200; i += 1) seeded.add(user(`user${i}`));
    seeded.flush();
    const snapshot = readFileSync(join(dir, 'users.json'), 'utf8');

    const users = openUserDirectory(dir, now);
    signIn(users, 'user7', 1);
    assert.equal(readFileSync(join(dir, 'users.json'), 'utf8'), snapshot, 'the snapshot is not rewritten on a sign-in');
    const lines = readFileSync(join(dir, 'users.journal.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal((JSON.parse(lines[0]) as { put: UserRecord }).put.username, 'user7');
    assert.ok(size('users.journal.jsonl') < snapshot.length / 50, 'a sign-in writes about one user, not the directory');
  });

  test('a user keeps at most MAX_REFRESH_TOKENS_PER_USER refresh tokens, the newest', () => {
    const users = openUserDirectory(dir, now);
    users.add(user('ada'));
    for (let i = 0; i < MAX_REFRESH_TOKENS_PER_USER + 50; i += 1) signIn(users, 'ada', i);
    const tokens = users.get('ada')!.refreshTokens;
    assert.equal(tokens.length, MAX_REFRESH_TOKENS_PER_USER);
    assert.equal(tokens.at(-1)!.digest, `digest-${String(MAX_REFRESH_TOKENS_PER_USER + 49).padStart(6, '0')}`);
    const before = size('users.journal.jsonl');
    signIn(users, 'ada', 1000);
    const after = size('users.journal.jsonl');
    signIn(users, 'ada', 1001);
    assert.equal(size('users.journal.jsonl') - after, after - before, 'each further sign-in writes the same bounded amount');
  });

  test('a line cut short by a crash is skipped; the changes before it survive, and the restart compacts', () => {
    const users = openUserDirectory(dir, now);
    users.add(user('ada'));
    users.add(user('bob'));
    signIn(users, 'ada', 1);
    users.remove('bob');
    appendFileSync(join(dir, 'users.journal.jsonl'), '{"put":{"username":"eve","sub"');

    const restarted = openUserDirectory(dir, now);
    assert.equal(restarted.get('ada')?.refreshTokens.length, 1);
    assert.equal(restarted.get('bob'), undefined);
    assert.equal(restarted.get('eve'), undefined);
    assert.equal(size('users.journal.jsonl'), 0, 'folded into the snapshot at start');
    assert.deepEqual(openUserDirectory(dir, now).get('ada'), restarted.get('ada'));
  });

  test('in memory, nothing is written', () => {
    const users = openUserDirectory(null, now);
    users.add(user('ada'));
    signIn(users, 'ada', 1);
    users.flush();
    assert.equal(users.get('ada')?.refreshTokens.length, 1);
  });
});
