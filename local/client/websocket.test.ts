import { test } from 'vitest';
import assert from 'node:assert/strict';
import { loopbackWebSocket, toLoopbackWs } from './websocket.js';

test('wss on loopback becomes ws; other hosts are untouched', () => {
  assert.equal(toLoopbackWs('wss://127.0.0.1:4000/graphql/realtime'), 'ws://127.0.0.1:4000/graphql/realtime');
  assert.equal(toLoopbackWs('wss://localhost:4000/graphql/realtime?x=1'), 'ws://localhost:4000/graphql/realtime?x=1');
  assert.equal(toLoopbackWs('wss://[::1]:4000/graphql/realtime'), 'ws://[::1]:4000/graphql/realtime');
  assert.equal(toLoopbackWs('wss://abc.appsync-realtime-api.us-east-1.amazonaws.com/graphql'), 'wss://abc.appsync-realtime-api.us-east-1.amazonaws.com/graphql');
  assert.equal(toLoopbackWs('wss://localhost.example.com/graphql'), 'wss://localhost.example.com/graphql');
});

test('the subclass hands the rewritten URL and the subprotocols to the real WebSocket', () => {
  const seen: unknown[] = [];
  class Recorder {
    constructor(url: string | URL, protocols?: string | string[]) {
      seen.push(String(url), protocols);
    }
  }
  const Local = loopbackWebSocket(Recorder);
  new Local('wss://127.0.0.1:9/graphql/realtime', ['graphql-ws', 'header-e30']);
  assert.deepEqual(seen, ['ws://127.0.0.1:9/graphql/realtime', ['graphql-ws', 'header-e30']]);
});
