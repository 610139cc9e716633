/**
 * `amplify_outputs.json` belongs to one engine at a time. A lock file beside it names the engine that
 * owns it (pid, URL, data directory), so a second engine started in the same folder writes its own
 * config elsewhere instead of silently pointing the first one's apps at itself, and refuses outright
 * to share the first one's data directory.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args.js';

interface Owner {
  pid: number;
  url: string;
  dataDir: string | null;
}

export interface OutputsFile {
  /** Where this engine's client config goes. */
  path: string;
  /** Set when another engine owns the usual file: one line saying where this one's config went. */
  note?: string;
  write(outputs: unknown): void;
  /** Gives the file back (removes the lock) if this engine owns it. */
  release(): void;
}

const lockPathOf = (outputsPath: string): string => join(dirname(outputsPath), `.${basename(outputsPath)}.lock`);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live engine that owns the file, if any (a lock left by a crashed engine does not count). */
function liveOwner(lockPath: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as Owner;
    return owner.pid !== process.pid && isAlive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Before start-up: two engines on one data directory would corrupt it, so the second one stops here. */
export function refuseSharedDataDir(outputsPath: string, dataDir: string | null): void {
  const owner = liveOwner(lockPathOf(outputsPath));
  if (owner && dataDir !== null && owner.dataDir === resolve(dataDir)) {
    throw new UsageError(
      `Another engine (pid ${owner.pid}, ${owner.url}) already uses the data directory ${dataDir} in this folder: stop it, or choose --data-dir <dir> or --memory.`,
    );
  }
}

/** After start-up, once the engine's URL is known: takes the usual file, or a per-port one if it is taken. */
export function claimOutputsFile(outputsPath: string, engine: { url: string; port: number; dataDir: string | null }): OutputsFile {
  const lockPath = lockPathOf(outputsPath);
  const me: Owner = { pid: process.pid, url: engine.url, dataDir: engine.dataDir === null ? null : resolve(engine.dataDir) };
  const owner = liveOwner(lockPath);
  let path = outputsPath;
  let note: string | undefined;
  if (owner) {
    path = join(dirname(outputsPath), basename(outputsPath).replace(/\.json$/, `.${engine.port}.json`));
    note = `${outputsPath} belongs to the engine at ${owner.url} (pid ${owner.pid}); this one's client config is in ${path}`;
  } else {
    // No live owner: the file is free, or its lock was left by an engine that died without cleaning up.
    writeFileSync(lockPath, JSON.stringify(me));
  }
  return {
    path,
    note,
    write(outputs) {
      writeFileSync(path, `${JSON.stringify(outputs, null, 2)}\n`);
    },
    release() {
      if (owner) return;
      try {
        const current = JSON.parse(readFileSync(lockPath, 'utf8')) as Owner;
        if (current.pid === process.pid) rmSync(lockPath, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}
