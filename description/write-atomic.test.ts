import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './write-atomic.js';

const folder = mkdtempSync(join(tmpdir(), 'turnbase-write-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('makes the folder, replaces the file whole, applies the mode and leaves no staging file behind', () => {
  const file = join(folder, 'nested', 'deeper', 'keys.json');
  writeFileAtomic(file, '{"first":true}', 0o600);
  expect(readFileSync(file, 'utf8')).toBe('{"first":true}');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  writeFileAtomic(file, 'second');
  expect(readFileSync(file, 'utf8')).toBe('second');
  expect(readdirSync(join(folder, 'nested', 'deeper'))).toEqual(['keys.json']);
});
