/**
 * Real-time through the whole engine (fixture API): a `start` runs the subscription resolver once,
 * mutations publish their selected result, argument and enhanced filters decide who receives it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { RunningEngine } from '../../local/index.js';
import { client, startTestEngine } from '../support/engine.js';

let engine: RunningEngine;
let gql: ReturnType<typeof client>;
before(async () => {
  engine = await startTestEngine();
  gql = client(engine, { 'x-api-key': engine.apiKey });
});
after(() => engine.close());

type Frame = { type: string; id?: string; payload?: Record<string, unknown> };

/** A socket that records every frame, connected the way aws-amplify v6 connects (auth in a subprotocol). */
async function connect(headers: Record<string, string>): Promise<{ socket: WebSocket; frames: Frame[]; next(type: string, id?: string): Promise<Frame> }> {
  const host = new URL(engine.url).host;
  const header = Buffer.from(JSON.stringify({ host, ...headers })).toString('base64url');
  const socket = new WebSocket(engine.realtimeUrl, ['graphql-ws', `header-${header}`]);
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (type: string, id?: string): Promise<Frame> => {
    for (;;) {
      const index = frames.findIndex((f) => f.type === type && (id === undefined || f.id === id));
      if (index >= 0) return frames.splice(index, 1)[0];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} frame within 5 s; saw ${JSON.stringify(frames)}`)), 5000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await next('connection_ack');
  return { socket, frames, next };
}

function start(socket: WebSocket, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): string {
  const id = randomUUID();
  socket.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } }));
  return id;
}

const onAddBook = 'subscription S($author: String) { onAddBook(author: $author) { id title author tags } }';

describe('subscriptions through the engine', () => {
  test('a subscriber receives the mutation result, limited to the fields the mutation selected', async () => {
    const auth = { 'x-api-key': engine.apiKey, host: new URL(engine.url).host };
    const { socket, next } = await connect(auth);
    const id = start(socket, onAddBook, {}, auth);
    await next('start_ack', id);
    await gql('mutation { addBook(id: "rt1", title: "Selected", author: "A", tags: ["x"]) { id title } }');
    const data = await next('data', id);
    // author and tags were not selected by the mutation: subscribers see null.
    assert.deepEqual(data.payload, { data: { onAddBook: { id: 'rt1', title: 'Selected', author: null, tags: null } } });
    socket.close();
  });

  test('an argument filters on the published field of the same name', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { socket, next, frames } = await connect(auth);
    const mine = start(socket, onAddBook, { author: 'Knuth' }, auth);
    await next('start_ack', mine);
    await gql('mutation { addBook(id: "rt2", title: "Other", author: "Conway") { id title author } }');
    await gql('mutation { addBook(id: "rt3", title: "TAOCP", author: "Knuth") { id title author } }');
    const data = await next('data', mine);
    assert.equal((data.payload?.data as { onAddBook: { id: string } }).onAddBook.id, 'rt3');
    assert.equal(frames.filter((f) => f.type === 'data').length, 0, 'the Conway book must not have been delivered');
    socket.close();
  });

  test('an enhanced filter set by the resolver narrows delivery', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { socket, next, frames } = await connect(auth);
    const id = start(socket, 'subscription { onAddBook(author: "tagged") { id tags } }', {}, auth);
    await next('start_ack', id);
    // The argument filter (author = "tagged") and the enhanced filter (tags contains "featured") both apply.
    await gql('mutation { addBook(id: "rt4", title: "Plain", author: "tagged", tags: ["plain"]) { id author tags } }');
    await gql('mutation { addBook(id: "rt5", title: "Star", author: "tagged", tags: ["featured"]) { id author tags } }');
    const data = await next('data', id);
    assert.deepEqual(data.payload, { data: { onAddBook: { id: 'rt5', tags: ['featured'] } } });
    assert.equal(frames.filter((f) => f.type === 'data').length, 0);
    socket.close();
  });

  test('the subscription resolver may refuse with util.unauthorized()', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { socket, next } = await connect(auth);
    const id = start(socket, onAddBook, { author: 'forbidden' }, auth);
    const error = await next('error', id);
    const errors = error.payload?.errors as Array<{ errorType: string; message: string }>;
    assert.equal(errors[0].errorType, 'Unauthorized');
    assert.equal(errors[0].message, 'Not Authorized to access onAddBook on type Subscription');
    socket.close();
  });

  test('a start carrying bad credentials is refused even on an authorized connection', async () => {
    const { socket, next } = await connect({ 'x-api-key': engine.apiKey });
    const id = start(socket, onAddBook, {}, { 'x-api-key': 'da2-bbbbbbbbbbbbbbbbbbbbbbbbbb' });
    const error = await next('error', id);
    assert.equal((error.payload?.errors as Array<{ errorType: string }>)[0].errorType, 'UnauthorizedException');
    socket.close();
  });

  test('a query in a start is an UnsupportedOperation', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { socket, next } = await connect(auth);
    const id = start(socket, '{ echo(message: "x") }', {}, auth);
    const error = await next('error', id);
    assert.equal((error.payload?.errors as Array<{ errorType: string }>)[0].errorType, 'UnsupportedOperation');
    socket.close();
  });
});
