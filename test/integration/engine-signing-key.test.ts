/**
 * `memorySigningKey`: an in-memory user pool signs with the key it is given (tests start dozens of engines and share
 * one), while a pool with a data directory keeps its own key there.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey } from '../../local/cognito/signing-key.js';
import type { RunningEngine } from '../../local/index.js';
import { startTestEngine } from '../support/engine.js';

const publishedKids = async (engine: RunningEngine) => {
  const jwks = (await (await fetch(`${engine.userPool!.issuer}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
  return jwks.keys.map((key) => key.kid);
};

test('an in-memory pool publishes the key it was given; a pool with a data directory keeps its own', async () => {
  const given = loadOrCreateSigningKey(null);
  const inMemory = await startTestEngine({ memorySigningKey: given });
  try {
    assert.deepEqual(await publishedKids(inMemory), [given.kid]);
  } finally {
    await inMemory.close();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'turnbase-key-'));
  const kept = await startTestEngine({ dataDir, memorySigningKey: given });
  try {
    const kids = await publishedKids(kept);
    assert.equal(kids.length, 1);
    assert.notEqual(kids[0], given.kid);
  } finally {
    await kept.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
