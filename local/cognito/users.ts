/**
 * The user directory of one pool, kept in memory. On disk it is a snapshot, `<dir>/users.json`, plus a
 * journal, `<dir>/users.journal.jsonl`: each change appends one line holding the one user it touched, so a
 * sign-in writes a few hundred bytes, not the whole directory. The journal is folded into the snapshot
 * (written atomically) at start, at close and whenever it passes COMPACT_AFTER_BYTES. A crash can cut only
 * the last line short; that line is ignored and every change before it is kept.
 * Refresh tokens are stored only as SHA-256 digests.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from './files.js';

const COMPACT_AFTER_BYTES = 1024 * 1024;
/**
 * Sign-ins a user keeps refresh tokens for; the oldest is dropped beyond it, so a record does not grow
 * with every sign-in for the 30 days a token lives. (Cognito documents no such limit; 100 devices is plenty here.)
 */
export const MAX_REFRESH_TOKENS_PER_USER = 100;

type JournalEntry = { put: UserRecord } | { remove: string };

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED';

export interface RefreshTokenRecord {
  digest: string;
  /** Shared by every token issued from one sign-in, so GlobalSignOut can revoke them together. */
  originJti: string;
  expiresAt: number;
  authTime: number;
  /** Set by GlobalSignOut; kept until expiry so the answer can say "revoked" rather than "invalid". */
  revoked?: boolean;
}

export interface UserRecord {
  username: string;
  sub: string;
  /** Stored attribute values, including `sub` and the `*_verified` flags ('true' / 'false'). */
  attributes: Record<string, string>;
  passwordHash: string;
  status: UserStatus;
  createdAt: number;
  modifiedAt: number;
  confirmation?: { code: string; expiresAt: number };
  refreshTokens: RefreshTokenRecord[];
  /** Sign-ins ended by GlobalSignOut; their access tokens are refused until `until`. */
  revokedOrigins: Array<{ originJti: string; until: number }>;
}

export interface UserDirectory {
  get(username: string): UserRecord | undefined;
  add(user: UserRecord): void;
  remove(username: string): boolean;
  /** Applies a change to a user and persists it (callers set `modifiedAt` when the profile changes). */
  update(username: string, change: (user: UserRecord) => void): UserRecord;
  findByRefreshToken(token: string): { user: UserRecord; record: RefreshTokenRecord } | undefined;
  /** Folds the journal into the snapshot (at shutdown). */
  flush(): void;
}

export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function openUserDirectory(directory: string | null, now: () => number): UserDirectory {
  const snapshot = directory === null ? null : join(directory, 'users.json');
  const journal = directory === null ? null : join(directory, 'users.journal.jsonl');
  const users = new Map<string, UserRecord>();
  for (const user of (snapshot && readJsonIfExists<{ users: UserRecord[] }>(snapshot)?.users) || []) users.set(user.username, user);
  if (journal) replay(journal, users);
  let journalBytes = 0;

  function compact(): void {
    if (!snapshot || !journal) return;
    writeJsonAtomic(snapshot, { users: [...users.values()] });
    // Only once the snapshot holds every change: a crash in between replays lines the snapshot already has, harmlessly.
    writeFileSync(journal, '', { mode: 0o600 });
    journalBytes = 0;
  }

  function record(entry: JournalEntry): void {
    if (!journal) return;
    const line = `${JSON.stringify(entry)}\n`;
    appendFileSync(journal, line, { mode: 0o600 });
    journalBytes += Buffer.byteLength(line);
    if (journalBytes > COMPACT_AFTER_BYTES) compact();
  }

  // Drop what can no longer matter, so a record does not grow with every sign-in.
  function prune(user: UserRecord): void {
    const at = now();
    user.refreshTokens = user.refreshTokens.filter((token) => token.expiresAt > at).slice(-MAX_REFRESH_TOKENS_PER_USER);
    user.revokedOrigins = user.revokedOrigins.filter((origin) => origin.until > at);
  }

  if (journal && existsSync(journal)) compact();

  return {
    get: (username) => users.get(username),
    add(user) {
      if (users.has(user.username)) throw new Error(`user ${user.username} already exists`);
      users.set(user.username, user);
      record({ put: user });
    },
    remove(username) {
      const removed = users.delete(username);
      if (removed) record({ remove: username });
      return removed;
    },
    update(username, change) {
      const user = users.get(username);
      if (!user) throw new Error(`user ${username} does not exist`);
      change(user);
      prune(user);
      record({ put: user });
      return user;
    },
    findByRefreshToken(token) {
      const digest = digestToken(token);
      for (const user of users.values()) {
        const record = user.refreshTokens.find((candidate) => candidate.digest === digest);
        if (record) return { user, record };
      }
      return undefined;
    },
    flush: compact,
  };
}

/** Applies the journal's lines in order; a line cut short by a crash (only ever the last) is skipped. */
function replay(file: string, users: Map<string, UserRecord>): void {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue;
    }
    if ('put' in entry) users.set(entry.put.username, entry.put);
    else users.delete(entry.remove);
  }
}
