import { afterAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DerivationCache, engineCacheDir } from './derivation-cache.js';

const folder = mkdtempSync(join(tmpdir(), 'turnbase-derivation-'));
// A deriver module of its own per test run, so these tests never share entries with the engine's caches.
const deriver = join(folder, 'deriver.ts');
writeFileSync(deriver, `// ${folder}\nexport const version = 1;\n`);
const name = `test-${Date.now()}-${process.pid}`;
const flush = () => new Promise((resolve) => setImmediate(resolve));

afterAll(async () => {
  await flush(); // a save scheduled by the last test lands first, then everything is removed
  rmSync(folder, { recursive: true, force: true });
  for (const file of readdirSync(engineCacheDir)) if (file.startsWith(name)) rmSync(join(engineCacheDir, file), { force: true });
});

describe('DerivationCache', () => {
  test('a result derived once is read back by a later process without deriving it again', async () => {
    const calls: string[] = [];
    const derive = (input: string) => {
      calls.push(input);
      return { length: input.length, upper: input.toUpperCase() };
    };
    const first = new DerivationCache<ReturnType<typeof derive>>(name, pathToFileURL(deriver).href);
    expect(first.get('abc', derive)).toEqual({ length: 3, upper: 'ABC' });
    expect(first.get('abc', derive)).toEqual({ length: 3, upper: 'ABC' });
    expect(calls).toEqual(['abc']);
    await flush();

    const later = new DerivationCache<ReturnType<typeof derive>>(name, pathToFileURL(deriver).href);
    expect(later.get('abc', derive)).toEqual({ length: 3, upper: 'ABC' });
    expect(later.get('abcd', derive)).toEqual({ length: 4, upper: 'ABCD' });
    expect(calls).toEqual(['abc', 'abcd']);
  });

  test('editing the deriver starts afresh and removes the old results', async () => {
    const derive = (input: string) => input.length;
    const before = new DerivationCache<number>(name, pathToFileURL(deriver).href);
    before.get('xyz', derive);
    await flush();
    const oldFiles = readdirSync(engineCacheDir).filter((file) => file.startsWith(name));
    expect(oldFiles.length).toBe(1);

    writeFileSync(deriver, `// ${folder}\nexport const version = 2;\n`);
    let derived = 0;
    const after = new DerivationCache<number>(name, pathToFileURL(deriver).href);
    expect(after.get('xyz', (input) => ((derived += 1), input.length * 10))).toBe(30);
    expect(derived).toBe(1);
    await flush();
    expect(existsSync(join(engineCacheDir, oldFiles[0]))).toBe(false);
  });

  test('a damaged cache file only costs the derivation', async () => {
    const cache = new DerivationCache<number>(name, pathToFileURL(deriver).href);
    cache.get('q', () => 1);
    await flush();
    const [file] = readdirSync(engineCacheDir).filter((entry) => entry.startsWith(name) && entry.endsWith('.json'));
    writeFileSync(join(engineCacheDir, file), '{ not json');
    const reopened = new DerivationCache<number>(name, pathToFileURL(deriver).href);
    expect(reopened.get('q', () => 2)).toBe(2);
  });

  test('a derivation that throws remembers nothing', () => {
    const cache = new DerivationCache<number>(name, pathToFileURL(deriver).href);
    expect(() => cache.get('bad', () => { throw new SyntaxError('bad code'); })).toThrow(SyntaxError);
    expect(cache.get('bad', () => 7)).toBe(7);
  });
});
