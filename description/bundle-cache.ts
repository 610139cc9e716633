/**
 * Bundles are cached by content: an entry is rebuilt only when its esbuild options, esbuild's version,
 * or one of the files it bundled (as esbuild's metafile lists them) changed. An unchanged tree then
 * starts without running esbuild at all, and a watcher's rebuild redoes only the bundles an edit touched.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { writeFileAtomic } from './write-atomic.js';

interface CacheRecord {
  /** Hash of the entry, its esbuild options and esbuild's version. */
  key: string;
  /** Every file the bundle was made from, with the hash of its content then. */
  inputs: Record<string, string>;
  /** Hash of the bundle written. */
  output: string;
}

const esbuildVersion = (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function cacheKey(entry: string, options: BuildOptions): string {
  return sha256(JSON.stringify({ esbuildVersion, entry: resolve(entry), options }));
}

/** The cache of one output folder, kept in `<outDir>/.bundle-cache.json`. */
export class BundleCache {
  private readonly file: string;
  private readonly records: Record<string, CacheRecord>;
  /** Hashes of input files, read once per bundling. */
  private readonly hashes = new Map<string, string | null>();

  constructor(outDir: string) {
    this.file = join(outDir, '.bundle-cache.json');
    try {
      this.records = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, CacheRecord>;
    } catch {
      this.records = {};
    }
  }

  get path(): string {
    return this.file;
  }

  private hashOf(path: string): string | null {
    let hash = this.hashes.get(path);
    if (hash === undefined) {
      try {
        hash = sha256(readFileSync(path));
      } catch {
        hash = null;
      }
      this.hashes.set(path, hash);
    }
    return hash;
  }

  /** The bundle made earlier from the same inputs, or undefined when it must be built again. */
  lookup(outFile: string, key: string): string | undefined {
    const record = this.records[outFile];
    if (!record || record.key !== key) return undefined;
    for (const [input, hash] of Object.entries(record.inputs)) if (this.hashOf(input) !== hash) return undefined;
    let code: string;
    try {
      code = readFileSync(outFile, 'utf8');
    } catch {
      return undefined;
    }
    return sha256(code) === record.output ? code : undefined;
  }

  /** Records a fresh bundle and what it was made from. */
  store(outFile: string, key: string, metafile: Metafile | undefined, code: string, workingDir: string): void {
    const inputs: Record<string, string> = {};
    for (const input of Object.keys(metafile?.inputs ?? {})) {
      const path = resolve(workingDir, input);
      // Re-read now: a file edited while esbuild ran is then seen as changed next time.
      this.hashes.delete(path);
      const hash = this.hashOf(path);
      if (hash !== null) inputs[path] = hash;
    }
    this.records[outFile] = { key, inputs, output: sha256(code) };
  }

  /** Files every cached bundle was made from (what a watcher should watch). */
  inputs(): string[] {
    return [...new Set(Object.values(this.records).flatMap((r) => Object.keys(r.inputs)))];
  }

  /** Keeps the records of `outFiles` only, and writes the cache file (atomically: several processes may bundle at once). */
  save(outFiles: Set<string>): void {
    for (const outFile of Object.keys(this.records)) if (!outFiles.has(outFile)) delete this.records[outFile];
    writeFileAtomic(this.file, JSON.stringify(this.records));
  }
}
