/**
 * Conditional GETs for the files the engine serves (the console's bundle, the web app). They stay `no-cache`, so an
 * edit shows on the next load, but carry a strong ETag, so an unchanged file is answered 304: the browser keeps its
 * copy and, with it, the code it compiled from it. A fresh 200 makes Chromium compile the script again, and the
 * console's bundle (GraphiQL and Monaco) costs seconds of CPU to compile.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';

export interface ServedFile {
  body: Buffer;
  etag: string;
}

const known = new Map<string, { version: string; file: ServedFile }>();

/** The file's bytes and ETag; the hash is computed once per version (size and modification time) of the file. */
export async function readServedFile(path: string): Promise<ServedFile> {
  const { size, mtimeMs } = await stat(path);
  const version = `${size}:${mtimeMs}`;
  const cached = known.get(path);
  if (cached?.version === version) return cached.file;
  const body = await readFile(path);
  const file = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  known.set(path, { version, file });
  return file;
}

/** Whether the request's If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function notModified(headers: IncomingHttpHeaders, etag: string): boolean {
  const header = headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
