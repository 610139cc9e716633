/**
 * Writes a file so that no reader ever sees it half-written: the data goes to a staging file of its own
 * (unique, so processes writing the same file at once never share one), which is then renamed over the
 * target. The folder is made if missing. `mode` applies to a new file (e.g. 0o600 for credentials).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileAtomic(file: string, data: string, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(staging, data, mode === undefined ? undefined : { mode });
  renameSync(staging, file);
}
