/** Small JSON persistence helpers for the stand-in's data directory. */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../description/write-atomic.js';

/** Write through a temporary file and rename, so a crash never leaves half a file behind. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2), 0o600);
}

export function readJsonIfExists<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
