import { test } from 'vitest';
import assert from 'node:assert/strict';
import { messageFor } from './messages.js';
import type { GameEvent } from './protocol.js';

const base: GameEvent = { type: 'GAME_INVITE', recipient: 'bob', phoneNumber: '+15555550102', gameId: 'G1', opponent: 'alice', heaps: [5, 4, 5], winner: null, loser: null, endReason: null };

test('an invite names the inviter, the heaps and the game', () => {
  const text = messageFor(base);
  assert.match(text, /alice invited you/);
  assert.match(text, /5\/4\/5/);
  assert.match(text, /G1/);
});

test('a turn notice shows the current heaps', () => {
  assert.match(messageFor({ ...base, type: 'YOUR_TURN', heaps: [3, 4, 5] }), /Your move against alice: the heaps are 3\/4\/5/);
});

test('game over tells each player whether they won and why', () => {
  const over = { ...base, type: 'GAME_OVER' as const, heaps: [0, 0, 0], winner: 'alice', loser: 'bob', endReason: 'LAST_OBJECT_TAKEN' };
  assert.match(messageFor(over), /^You lost against alice: you took the last object/);
  assert.match(messageFor({ ...over, recipient: 'alice', opponent: 'bob' }), /^You won against bob: bob took the last object/);
  assert.match(messageFor({ ...over, endReason: 'RESIGNED' }), /you resigned/);
  assert.match(messageFor({ ...over, endReason: 'TIMEOUT' }), /^You lost against alice: you ran out of time/);
  assert.match(messageFor({ ...over, endReason: 'TIMEOUT', recipient: 'alice', opponent: 'bob' }), /^You won against bob: bob ran out of time/);
});

test('a turn reminder names the deadline and what missing it means', () => {
  const text = messageFor({ ...base, type: 'TURN_REMINDER', heaps: [3, 4, 5], deadline: '2026-06-01T12:00:30.000Z' });
  assert.match(text, /^Reminder: your move against alice is due by 2026-06-01T12:00:30.000Z, or you lose the game\. The heaps are 3\/4\/5\./);
});
