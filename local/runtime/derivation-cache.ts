/**
 * Results that are pure functions of a bundle's code (the APPSYNC_JS checks, the prepared module body)
 * remembered on disk by the hash of the code and of the module that derives them, so an unchanged tree
 * starts without parsing every bundle again. A cache that cannot be read or written costs only the work it
 * would have saved: every failure here falls back to deriving the result.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../description/bundle-cache.js';
import { writeFileAtomic } from '../../description/write-atomic.js';

/** Where the engine keeps what it can rebuild: the usual place for a tool's cache in a project. */
export const engineCacheDir = fileURLToPath(new URL('../../node_modules/.cache/turnbase/', import.meta.url));

/**
 * Enough for the bundles of a few APIs and a day of edits; the oldest entries go first. A prepared module body is
 * about the size of its bundle (a few KiB), so the file stays small enough to read at every start.
 */
const MAX_ENTRIES = 500;

export class DerivationCache<T> {
  private entries: Map<string, T> | undefined;
  private saveScheduled = false;
  private readonly file: string;
  private readonly name: string;

  /** `deriverUrl` is the module whose code computes the results: editing it starts a fresh cache. */
  constructor(name: string, deriverUrl: string) {
    let version = '';
    try {
      version = sha256(readFileSync(fileURLToPath(deriverUrl)));
    } catch {
      // Without the deriver's source there is no safe version: every process starts empty.
      version = randomBytes(8).toString('hex');
    }
    this.name = name;
    this.file = join(engineCacheDir, `${name}-${version.slice(0, 16)}.json`);
  }

  /** The result for `input`, from the cache or from `derive(input)` (then remembered). */
  get(input: string, derive: (input: string) => T): T {
    const entries = this.load();
    const key = sha256(input);
    if (entries.has(key)) return entries.get(key) as T;
    const value = derive(input);
    entries.set(key, value);
    this.scheduleSave();
    return value;
  }

  private load(): Map<string, T> {
    if (!this.entries) {
      try {
        this.entries = new Map(Object.entries(JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, T>));
      } catch {
        this.entries = new Map();
      }
    }
    return this.entries;
  }

  /** One write after a burst of new results (an engine start compiles every bundle in one go). */
  private scheduleSave(): void {
    if (this.saveScheduled) return;
    this.saveScheduled = true;
    setImmediate(() => {
      this.saveScheduled = false;
      this.save();
    });
  }

  private save(): void {
    const entries = [...(this.entries ?? new Map<string, T>())].slice(-MAX_ENTRIES);
    try {
      // Engines starting side by side never read half a file.
      writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(entries)));
      // Results of an earlier version of the deriver can never be read again.
      for (const other of readdirSync(engineCacheDir)) {
        if (other.startsWith(`${this.name}-`) && other.endsWith('.json') && other !== basename(this.file)) rmSync(join(engineCacheDir, other), { force: true });
      }
    } catch {
      // A read-only or full disk: the results are derived again next time.
    }
  }
}
