/**
 * Real-time through the whole engine (fixture API): a `start` runs the subscription resolver once,
 * mutations publish their selected result, argument and enhanced filters decide who receives it.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { RunningEngine } from '../../local/index.js';
import { client, startTestEngine } from '../support/engine.js';
import { connectRealtime } from '../support/realtime.js';

let engine: RunningEngine;
let gql: ReturnType<typeof client>;
beforeAll(async () => {
  engine = await startTestEngine();
  gql = client(engine, { 'x-api-key': engine.apiKey });
});
afterAll(() => engine.close());

const onAddBook = 'subscription S($author: String) { onAddBook(author: $author) { id title author tags } }';

describe('subscriptions through the engine', () => {
  test('a subscriber receives the mutation result, limited to the fields the mutation selected', async () => {
    const auth = { 'x-api-key': engine.apiKey, host: new URL(engine.url).host };
    const { subscribe, next, close } = await connectRealtime(engine.realtimeUrl, auth);
    const { id, ack } = await subscribe(onAddBook, {}, auth);
    assert.equal(ack.type, 'start_ack');
    await gql('mutation { addBook(id: "rt1", title: "Selected", author: "A", tags: ["x"]) { id title } }');
    const data = await next('data', id);
    // author and tags were not selected by the mutation: subscribers see null.
    assert.deepEqual(data.payload, { data: { onAddBook: { id: 'rt1', title: 'Selected', author: null, tags: null } } });
    close();
  });

  test('an argument filters on the published field of the same name', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { subscribe, next, frames, close } = await connectRealtime(engine.realtimeUrl, auth);
    const { id: mine, ack } = await subscribe(onAddBook, { author: 'Knuth' }, auth);
    assert.equal(ack.type, 'start_ack');
    await gql('mutation { addBook(id: "rt2", title: "Other", author: "Conway") { id title author } }');
    await gql('mutation { addBook(id: "rt3", title: "TAOCP", author: "Knuth") { id title author } }');
    const data = await next('data', mine);
    assert.equal((data.payload?.data as { onAddBook: { id: string } }).onAddBook.id, 'rt3');
    assert.equal(frames.filter((f) => f.type === 'data').length, 0, 'the Conway book must not have been delivered');
    close();
  });

  test('an enhanced filter set by the resolver narrows delivery', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { subscribe, next, frames, close } = await connectRealtime(engine.realtimeUrl, auth);
    const { id, ack } = await subscribe('subscription { onAddBook(author: "tagged") { id tags } }', {}, auth);
    assert.equal(ack.type, 'start_ack');
    // The enhanced filter (tags contains "featured") replaces the argument filter (author = "tagged"),
    // as AppSync does: a featured book by another author arrives, a plain one by "tagged" does not.
    await gql('mutation { addBook(id: "rt4", title: "Plain", author: "tagged", tags: ["plain"]) { id author tags } }');
    await gql('mutation { addBook(id: "rt5", title: "Star", author: "someone else", tags: ["featured"]) { id author tags } }');
    const data = await next('data', id);
    assert.deepEqual(data.payload, { data: { onAddBook: { id: 'rt5', tags: ['featured'] } } });
    assert.equal(frames.filter((f) => f.type === 'data').length, 0);
    close();
  });

  test('the subscription resolver may refuse with util.unauthorized()', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { subscribe, close } = await connectRealtime(engine.realtimeUrl, auth);
    const { ack: error } = await subscribe(onAddBook, { author: 'forbidden' }, auth);
    assert.equal(error.type, 'error');
    const errors = error.payload?.errors as Array<{ errorType: string; message: string }>;
    assert.equal(errors[0].errorType, 'Unauthorized');
    assert.equal(errors[0].message, 'Not Authorized to access onAddBook on type Subscription');
    close();
  });

  test('a start carrying bad credentials is refused even on an authorized connection', async () => {
    const { subscribe, close } = await connectRealtime(engine.realtimeUrl, { 'x-api-key': engine.apiKey });
    const { ack: error } = await subscribe(onAddBook, {}, { 'x-api-key': 'da2-bbbbbbbbbbbbbbbbbbbbbbbbbb' });
    assert.equal(error.type, 'error');
    assert.equal((error.payload?.errors as Array<{ errorType: string }>)[0].errorType, 'UnauthorizedException');
    close();
  });

  test('a query in a start is an UnsupportedOperation', async () => {
    const auth = { 'x-api-key': engine.apiKey };
    const { subscribe, close } = await connectRealtime(engine.realtimeUrl, auth);
    const { ack: error } = await subscribe('{ echo(message: "x") }', {}, auth);
    assert.equal(error.type, 'error');
    assert.equal((error.payload?.errors as Array<{ errorType: string }>)[0].errorType, 'UnsupportedOperation');
    close();
  });
});
