/**
 * The user directory of one pool, kept in memory and written to `<dir>/users.json` (atomically) after each change.
 * Refresh tokens are stored only as SHA-256 digests.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from './files.js';

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
}

export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function openUserDirectory(directory: string | null, now: () => number): UserDirectory {
  const file = directory === null ? null : join(directory, 'users.json');
  const users = new Map<string, UserRecord>();
  for (const user of (file && readJsonIfExists<{ users: UserRecord[] }>(file)?.users) || []) users.set(user.username, user);

  function save(): void {
    if (!file) return;
    writeJsonAtomic(file, { users: [...users.values()] });
  }

  // Drop what can no longer matter, so the file does not grow with every sign-in.
  function prune(user: UserRecord): void {
    const at = now();
    user.refreshTokens = user.refreshTokens.filter((token) => token.expiresAt > at);
    user.revokedOrigins = user.revokedOrigins.filter((origin) => origin.until > at);
  }

  return {
    get: (username) => users.get(username),
    add(user) {
      if (users.has(user.username)) throw new Error(`user ${user.username} already exists`);
      users.set(user.username, user);
      save();
    },
    remove(username) {
      const removed = users.delete(username);
      if (removed) save();
      return removed;
    },
    update(username, change) {
      const user = users.get(username);
      if (!user) throw new Error(`user ${username} does not exist`);
      change(user);
      prune(user);
      save();
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
  };
}
