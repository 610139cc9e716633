/**
 * API keys for the API_KEY auth mode. Keys look like AppSync's (`da2-` + 26 lowercase alphanumerics) and expire.
 * With a data directory they are kept in `<dataDir>/api-keys.json`, so the key a developer pasted into a
 * client keeps working after a restart.
 */
import { randomInt } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../description/write-atomic.js';

export interface ApiKey {
  id: string;
  /** Expiry as an ISO-8601 date-time. */
  expires: string;
  created: string;
}

export type ApiKeyStatus = 'ok' | 'expired' | 'unknown';

export interface ApiKeyStoreOptions {
  /** A directory of this store's own (created if missing); null keeps keys in memory. */
  dataDir: string | null;
  /** Lifetime of keys this store creates. AppSync allows 1 to 365 days. */
  expiresInDays: number;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

export interface ApiKeyStore {
  /** A key that is valid now: the newest stored one, or a freshly created (and persisted) one. */
  currentKey(): ApiKey;
  create(): ApiKey;
  list(): ApiKey[];
  check(key: string): ApiKeyStatus;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DAY_MS = 24 * 60 * 60 * 1000;
export const API_KEY_PATTERN = /^da2-[a-z0-9]{26}$/;

export function createApiKeyStore(options: ApiKeyStoreOptions): ApiKeyStore {
  const days = options.expiresInDays;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new Error(`API key lifetime must be a whole number of days from 1 to 365, got ${String(days)}`);
  }
  const now = options.now ?? (() => new Date());
  const file = options.dataDir === null ? null : join(options.dataDir, 'api-keys.json');
  const keys: ApiKey[] = file ? load(file) : [];

  function save(): void {
    if (!file) return;
    // The keys are credentials: readable by their owner only.
    writeFileAtomic(file, JSON.stringify({ keys }, null, 2), 0o600);
  }

  function create(): ApiKey {
    const created = now();
    const key: ApiKey = {
      id: `da2-${randomId(26)}`,
      created: created.toISOString(),
      expires: new Date(created.getTime() + days * DAY_MS).toISOString(),
    };
    keys.push(key);
    save();
    return { ...key };
  }

  /** Each key's expiry as a number, parsed once instead of on every request it authorizes. */
  const expiries = new WeakMap<ApiKey, number>();
  function isLive(key: ApiKey): boolean {
    let expires = expiries.get(key);
    if (expires === undefined) {
      expires = Date.parse(key.expires);
      expiries.set(key, expires);
    }
    return expires > now().getTime();
  }

  return {
    currentKey() {
      const live = keys.filter(isLive).sort((a, b) => b.expires.localeCompare(a.expires));
      return live.length > 0 ? { ...live[0] } : create();
    },
    create,
    list: () => keys.map((key) => ({ ...key })),
    check(candidate) {
      const found = keys.find((key) => key.id === candidate);
      if (!found) return 'unknown';
      return isLive(found) ? 'ok' : 'expired';
    },
  };
}

function randomId(length: number): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

function load(file: string): ApiKey[] {
  if (!existsSync(file)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`API key file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const list = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(list)) throw new Error(`API key file ${file} has no "keys" list`);
  return list.filter(
    (key): key is ApiKey =>
      typeof key?.id === 'string' && API_KEY_PATTERN.test(key.id) && typeof key.expires === 'string' && !Number.isNaN(Date.parse(key.expires)),
  );
}
