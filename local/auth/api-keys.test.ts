import { test, describe } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKeyStore, API_KEY_PATTERN } from './api-keys.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'turnbase-apikeys-'));
}

describe('createApiKeyStore', () => {
  test('creates keys in AppSync format with the configured lifetime', () => {
    const start = new Date('2030-01-01T00:00:00.000Z');
    const store = createApiKeyStore({ dataDir: null, expiresInDays: 7, now: () => start });
    const key = store.currentKey();
    assert.match(key.id, API_KEY_PATTERN);
    assert.equal(key.expires, '2030-01-08T00:00:00.000Z');
    assert.equal(store.check(key.id), 'ok');
  });

  test('the current key is reused until it expires, then replaced', () => {
    let clock = new Date('2030-01-01T00:00:00.000Z');
    const store = createApiKeyStore({ dataDir: null, expiresInDays: 1, now: () => clock });
    const first = store.currentKey();
    assert.equal(store.currentKey().id, first.id);
    clock = new Date('2030-01-02T00:00:00.001Z');
    assert.equal(store.check(first.id), 'expired');
    const second = store.currentKey();
    assert.notEqual(second.id, first.id);
    assert.equal(store.check(second.id), 'ok');
  });

  test('unknown and malformed keys are unknown', () => {
    const store = createApiKeyStore({ dataDir: null, expiresInDays: 7 });
    store.currentKey();
    assert.equal(store.check('da2-aaaaaaaaaaaaaaaaaaaaaaaaaa'), 'unknown');
    assert.equal(store.check(''), 'unknown');
  });

  test('keys survive a restart with the same data directory', () => {
    const dir = tempDir();
    try {
      const key = createApiKeyStore({ dataDir: dir, expiresInDays: 7 }).currentKey();
      const restarted = createApiKeyStore({ dataDir: dir, expiresInDays: 7 });
      assert.equal(restarted.check(key.id), 'ok');
      assert.equal(restarted.currentKey().id, key.id);
      const onDisk = JSON.parse(readFileSync(join(dir, 'api-keys.json'), 'utf8'));
      assert.equal(onDisk.keys[0].id, key.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without a data directory nothing survives', () => {
    const key = createApiKeyStore({ dataDir: null, expiresInDays: 7 }).currentKey();
    assert.equal(createApiKeyStore({ dataDir: null, expiresInDays: 7 }).check(key.id), 'unknown');
  });

  test('a corrupt key file is a clear error', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, 'api-keys.json'), '{not json');
      assert.throws(() => createApiKeyStore({ dataDir: dir, expiresInDays: 7 }), /not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lifetimes outside 1..365 days are refused', () => {
    assert.throws(() => createApiKeyStore({ dataDir: null, expiresInDays: 0 }), /1 to 365/);
    assert.throws(() => createApiKeyStore({ dataDir: null, expiresInDays: 366 }), /1 to 365/);
  });
});
