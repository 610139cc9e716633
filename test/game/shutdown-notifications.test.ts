/**
 * A notification still being sent when the engine shuts down is delivered, not lost: the engine stops taking
 * requests, but its stand-ins answer its own functions until their invocations have finished.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, test } from 'vitest';
import { startTestEngine } from '../support/engine.js';
import { createGame, registerPlayer, uniqueName } from './support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'turnbase-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('an invitation sent as the engine closes reaches the outbox, and no notification fails', async () => {
  const logs: string[] = [];
  const engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: false, dataDir, log: (line) => logs.push(line) });
  const ann = await registerPlayer(engine, uniqueName('ann'));
  const bob = await registerPlayer(engine, uniqueName('bob'));
  // The invitation's notify starts after createGame answers (an Event invocation); close at once, while it runs.
  const game = await createGame(ann, bob.username);
  await engine.close();

  const sent = readFileSync(join(dataDir, 'sns', 'outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { phoneNumber?: string; message: string });
  const sms = sent.filter((message) => message.phoneNumber === bob.phoneNumber);
  assert.equal(sms.length, 1, JSON.stringify(sent));
  assert.match(sms[0].message, new RegExp(ann.username));
  assert.ok(game.gameId);
  assert.deepEqual(logs.filter((line) => /failed/.test(line)), []);
});
