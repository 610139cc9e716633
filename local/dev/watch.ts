/**
 * `npm run dev`: watches what the API is made of (the description, the schema, the resolvers folder and
 * every file the bundles were made from) and swaps the API in place after each change. Only source files
 * are watched, never build/ or amplify_outputs.json, so the engine's own output cannot trigger a reload.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { ReloadResult, RunningEngine } from '../engine.js';

export interface WatchOptions {
  descriptionPath: string;
  /** After a successful swap. */
  onReload(result: ReloadResult): void;
  /** After a failed one: the last good API is still served. */
  onError(error: unknown): void;
  /** Quiet time after the last change before reloading (editors save in several steps). */
  debounceMs?: number;
}

export interface Watcher {
  close(): void;
}

/** Editors' temporary files, and the bundler's own staging files. */
const IGNORED = /(~|\.swp|\.swx|\.tmp|\.DS_Store|^\.#.*|4913)$/;

export function watchApi(engine: RunningEngine, options: WatchOptions): Watcher {
  const watchers = new Map<string, FSWatcher>();
  let files = new Set<string>();
  let resolversDir = '';
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const changed = (path: string) => {
    const name = path.split(sep).at(-1) ?? '';
    if (IGNORED.test(name) || path.split(sep).includes('node_modules')) return;
    if (!files.has(path) && !path.startsWith(resolversDir + sep)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.debounceMs ?? 60);
  };

  const watchDir = (dir: string, recursive: boolean) => {
    const key = `${dir}|${recursive}`;
    if (watchers.has(key)) return;
    try {
      const watcher = watch(dir, { recursive }, (_event, filename) => {
        if (filename) changed(join(dir, filename.toString()));
      });
      watcher.on('error', () => undefined);
      watchers.set(key, watcher);
    } catch {
      // A folder that vanished; the next reload watches what exists then.
    }
  };

  /** Watches the description's files now, including files the last bundling newly depends on. */
  const refresh = () => {
    const api = engine.api;
    const descriptionFile = resolve(options.descriptionPath);
    resolversDir = join(api.root, api.description.resolversDir);
    const sources = engine.sources.filter((f) => !f.split(sep).includes('node_modules'));
    files = new Set([descriptionFile, join(api.root, api.description.schema), ...sources]);
    watchDir(resolversDir, true);
    for (const file of files) if (!file.startsWith(resolversDir + sep)) watchDir(dirname(file), false);
  };

  const reload = async () => {
    try {
      const result = await engine.reload();
      if (closed) return;
      refresh();
      options.onReload(result);
    } catch (error) {
      if (!closed) options.onError(error);
    }
  };

  refresh();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
    },
  };
}
