/**
 * The signed-in session, kept between runs in a file only its user can read (0600, in a 0700 folder) under
 * the user's config directory: $XDG_CONFIG_HOME/turnbase, else ~/.config/turnbase. One file per profile
 * (--profile or TURNBASE_PROFILE, so two players can share a shell); inside it, one session per API URL, so a
 * local and a deployed API keep their own sign-ins.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, EXIT } from './errors.js';
import type { Env } from './terminal.js';

export interface Session {
  username: string;
  userPoolId: string;
  clientId: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the id and access tokens expire. */
  expiresAt: number;
}

type SessionFile = Record<string, Session>;

/** A profile's name and the folder its session file is kept in (the name is checked when the file is used). */
export interface Profile {
  name: string;
  configDir: string;
}

/** The folder for `env`: the run's environment, not necessarily the process's. */
export function configDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'turnbase');
}

export function sessionPath(profile: Profile): string {
  if (!/^[\w.-]{1,64}$/.test(profile.name) || profile.name.startsWith('.')) {
    throw new CliError(`Invalid profile name "${profile.name}": use letters, digits, ".", "-" and "_".`, EXIT.usage);
  }
  return join(profile.configDir, `${profile.name}.session.json`);
}

function readAll(path: string): SessionFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as SessionFile) : {};
  } catch {
    // A damaged file is as good as no sign-in; the next login replaces it.
    return {};
  }
}

/** Written to a new 0600 file and renamed over the old one, so a reader never sees half a file. */
function writeAll(path: string, sessions: SessionFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (Object.keys(sessions).length === 0) {
    rmSync(path, { force: true });
    return;
  }
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(sessions, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask may have taken bits away, never added: this only makes sure
  renameSync(temporary, path);
}

export function readSession(profile: Profile, apiUrl: string): Session | undefined {
  return readAll(sessionPath(profile))[apiUrl];
}

export function saveSession(profile: Profile, apiUrl: string, session: Session): void {
  const path = sessionPath(profile);
  writeAll(path, { ...readAll(path), [apiUrl]: session });
}

export function removeSession(profile: Profile, apiUrl: string): void {
  const path = sessionPath(profile);
  const sessions = readAll(path);
  delete sessions[apiUrl];
  writeAll(path, sessions);
}
