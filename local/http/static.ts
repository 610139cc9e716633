/**
 * Serves a folder of static files under one path (the description's `web`), built on first request
 * by the description's build module, into a temporary folder that goes away with the engine. Building
 * lazily keeps engine start-up, and every test that never opens the app, free of the build's cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { buildWebApp } from '../../description/web.js';
import { notModified, readServedFile } from './file-validators.js';
import type { WebAppConfig } from '../../description/types.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=UTF-8',
  '.js': 'text/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=UTF-8',
  '.map': 'application/json; charset=UTF-8',
};

export interface BuiltSite {
  serve(pathname: string, requestHeaders: IncomingHttpHeaders, res: ServerResponse): Promise<boolean>;
  close(): void;
}

function reply(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

/** The file a request path names inside `dir`, or null for anything that would leave it or is hidden. */
export function fileFor(dir: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const file = resolve(dir, `.${sep}${decoded === '' ? 'index.html' : decoded}`);
  return file.startsWith(dir + sep) ? file : null;
}

export function createBuiltSite(root: string, web: WebAppConfig, log: (line: string) => void): BuiltSite {
  const mountPath = web.path;
  const outDir = mkdtempSync(join(tmpdir(), 'turnbase-web-'));
  let built: Promise<string> | undefined;
  const build = () => {
    built ??= buildWebApp(root, web, outDir).catch((error: unknown) => {
      built = undefined; // a fixed source builds on the next request
      throw error;
    });
    return built;
  };

  return {
    async serve(pathname, requestHeaders, res) {
      if (pathname === mountPath) {
        reply(res, 301, '', { location: `${mountPath}/` });
        return true;
      }
      if (!pathname.startsWith(`${mountPath}/`)) return false;
      try {
        await build();
      } catch (error) {
        log(JSON.stringify({ level: 'error', message: `web app build failed: ${error instanceof Error ? error.message : String(error)}` }));
        reply(res, 500, `The web app at ${mountPath} failed to build; see the engine's log.`, { 'content-type': 'text/plain; charset=UTF-8' });
        return true;
      }
      const file = fileFor(outDir, pathname.slice(mountPath.length + 1));
      const found = file ? await stat(file).catch(() => null) : null;
      if (!file || !found?.isFile()) {
        reply(res, 404, `Nothing is served at ${pathname}.`, { 'content-type': 'text/plain; charset=UTF-8' });
        return true;
      }
      const served = await readServedFile(file);
      const headers = { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', etag: served.etag };
      if (notModified(requestHeaders, served.etag)) reply(res, 304, '', headers);
      else reply(res, 200, served.body, headers);
      return true;
    },
    close() {
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
