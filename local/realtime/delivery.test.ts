import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { SubscriptionSpec } from './contract.js';
import { deliverPublication, invalidateSubscriptions } from './delivery.js';
import { SubscriptionRegistry, type LiveSubscription } from './registry.js';
import { GOOD_API_KEY, connectReady, startHarness, subscribeAs, type FakeField, type Harness } from './test-helpers.js';

const apiKeyHeaders = { host: '127.0.0.1', 'x-api-key': GOOD_API_KEY };
const as = (name: string) => ({ host: '127.0.0.1', Authorization: `token-${name}` });

const fields: Record<string, FakeField> = {
  onMove: {
    mutations: ['makeMove', 'resign'],
    // Like a resolver calling setSubscriptionInvalidationFilter with the game it watches.
    invalidationFilter: (_caller, args) =>
      args.gameId ? { filterGroup: [{ filters: [{ fieldName: 'gameId', operator: 'eq', value: args.gameId }] }] } : undefined,
  },
  onInvite: {
    mutations: ['createGame'],
    // Like a resolver calling setSubscriptionFilter on the caller's own identity.
    filter: (caller) => ({ filterGroup: [{ filters: [{ fieldName: 'invitee.username', operator: 'eq', value: caller }] }] }),
  },
  onAnyGame: { mutations: ['createGame', 'makeMove'] },
  onPublicGame: {
    mutations: ['createGame'],
    // Like a resolver whose enhanced filter ignores the client's gameId argument.
    filter: () => ({ filterGroup: [{ filters: [{ fieldName: 'gameId', operator: 'beginsWith', value: 'pub' }] }] }),
  },
};

const onMove = 'subscription ($gameId: ID) { onMove(gameId: $gameId) { gameId heaps } }';
const onInvite = 'subscription { onInvite { gameId invitee } }';

describe('delivery through the server', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(fields, { maxFrameBytes: 2048 });
  });
  afterAll(() => harness.close());

  test('argument filters: only subscribers whose non-null arguments equal the result fields receive it', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 'g1', onMove, { gameId: 'g1' }, as('alice'));
    await subscribeAs(client, 'g2', onMove, { gameId: 'g2' }, as('alice'));
    await subscribeAs(client, 'all', onMove, { gameId: null }, as('alice'));
    const report = harness.realtime.broadcast({ mutationField: 'makeMove', result: { gameId: 'g1', heaps: [1, 2, 3] } });
    assert.deepEqual(report, { listeners: 3, delivered: 2, renders: 1 });
    const ids = [(await client.expect('data')).id, (await client.expect('data')).id].sort();
    assert.deepEqual(ids, ['all', 'g1']);
    // The g2 subscriber only ever sees g2 events.
    harness.backend.publish('makeMove', { gameId: 'g2', heaps: [0, 0, 1] });
    const frames = [await client.expect('data'), await client.expect('data')];
    assert.deepEqual(frames.map((frame) => frame.id).sort(), ['all', 'g2']);
    client.close();
  });

  test('every mutation listed in @aws_subscribe publishes; others do not', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 'm', onMove, { gameId: 'g3' }, as('alice'));
    assert.equal(harness.realtime.broadcast({ mutationField: 'createGame', result: { gameId: 'g3' } }).delivered, 0);
    harness.backend.publish('resign', { gameId: 'g3', heaps: [1, 1, 1] });
    assert.deepEqual(await client.next(), { id: 'm', type: 'data', payload: { data: { onMove: { gameId: 'g3', heaps: [1, 1, 1] } } } });
    client.close();
  });

  test('enhanced filter on the caller identity: only the invited player hears of a new game', async () => {
    const aliceClient = await connectReady(harness, apiKeyHeaders);
    const bobClient = await connectReady(harness, apiKeyHeaders);
    assert.equal((await subscribeAs(aliceClient, 'inv', onInvite, {}, as('alice'))).type, 'start_ack');
    assert.equal((await subscribeAs(bobClient, 'inv', onInvite, {}, as('bob'))).type, 'start_ack');
    const report = harness.realtime.broadcast({ mutationField: 'createGame', result: { gameId: 'g9', invitee: { username: 'bob' } } });
    assert.equal(report.delivered, 1);
    assert.deepEqual((await bobClient.expect('data')).payload, { data: { onInvite: { gameId: 'g9', invitee: { username: 'bob' } } } });
    harness.backend.publish('createGame', { gameId: 'g10', invitee: { username: 'alice' } });
    // Alice's first data frame is her own invite: bob's never reached her.
    assert.deepEqual((await aliceClient.expect('data')).payload, { data: { onInvite: { gameId: 'g10', invitee: { username: 'alice' } } } });
    aliceClient.close();
    bobClient.close();
  });

  test('an enhanced filter replaces argument filtering: the arguments no longer filter', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 'p', 'subscription ($gameId: ID) { onPublicGame(gameId: $gameId) { gameId } }', { gameId: 'pub1' }, as('alice'));
    assert.equal(harness.realtime.broadcast({ mutationField: 'createGame', result: { gameId: 'private1' } }).delivered, 0);
    // gameId differs from the argument, but only the resolver's filter decides.
    assert.equal(harness.realtime.broadcast({ mutationField: 'createGame', result: { gameId: 'pub2' } }).delivered, 1);
    assert.deepEqual((await client.expect('data')).payload, { data: { onPublicGame: { gameId: 'pub2' } } });
    client.close();
  });

  test('one rendering per renderKey, however many subscribers share it', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => connectReady(harness, apiKeyHeaders)));
    for (const client of clients) await subscribeAs(client, 'same', 'subscription { onAnyGame { gameId } }', {}, as('alice'));
    await subscribeAs(clients[0], 'other', 'subscription { onAnyGame { gameId heaps } }', {}, as('alice'));
    const rendersBefore = harness.backend.renderCount;
    const report = harness.realtime.broadcast({ mutationField: 'makeMove', result: { gameId: 'g4', heaps: [5] } });
    assert.deepEqual(report, { listeners: 4, delivered: 4, renders: 2 });
    assert.equal(harness.backend.renderCount - rendersBefore, 2);
    for (const client of clients) assert.deepEqual((await client.expect('data')).payload, { data: { onAnyGame: { gameId: 'g4' } } });
    assert.deepEqual((await clients[0].expect('data')).payload, { data: { onAnyGame: { gameId: 'g4', heaps: [5] } } });
    for (const client of clients) client.close();
  });

  test('a rendered payload over the size limit becomes a LimitExceededError frame', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 'big', onMove, { gameId: 'g-big' }, as('alice'));
    harness.backend.publish('makeMove', { gameId: 'g-big', heaps: Array.from({ length: 1000 }, (_, index) => index) });
    const frame = await client.expect('error');
    assert.equal(frame.id, 'big');
    assert.equal(frame.payload?.errors?.[0].errorType, 'LimitExceededError');
    client.close();
  });

  test('invalidation ends matching subscriptions with a complete frame for that id (observed: aws-amplify/amplify-js#9898); [U] the socket stays open', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 'watch-g5', onMove, { gameId: 'g5' }, as('alice'));
    await subscribeAs(client, 'watch-g6', onMove, { gameId: 'g6' }, as('alice'));
    // Without an invalidation filter a subscription is never invalidated.
    await subscribeAs(client, 'watch-all', onMove, {}, as('alice'));
    harness.backend.invalidate('onMove', { gameId: 'g5' });
    assert.deepEqual(await client.next(), { id: 'watch-g5', type: 'complete' });
    assert.equal(harness.realtime.broadcast({ mutationField: 'makeMove', result: { gameId: 'g5' } }).delivered, 1);
    assert.equal((await client.expect('data')).id, 'watch-all');
    // A different subscription field with the same payload ends nothing.
    assert.equal(harness.realtime.invalidate({ subscriptionField: 'onInvite', payload: { gameId: 'g6' } }), 0);
    assert.equal(harness.realtime.invalidate({ subscriptionField: 'onMove', payload: { gameId: 'g6' } }), 1);
    assert.deepEqual(await client.next(), { id: 'watch-g6', type: 'complete' });
    // The freed id can be used again.
    assert.equal((await subscribeAs(client, 'watch-g5', onMove, { gameId: 'g5' }, as('alice'))).type, 'start_ack');
    client.close();
  });

  test('a backend listener failure does not reach the publisher', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 'x', onMove, {}, as('alice'));
    // A result that cannot be serialized makes rendering throw: subscribers get an error frame, the publisher nothing.
    const circular: Record<string, unknown> = { gameId: 'loop' };
    circular.heaps = circular;
    assert.doesNotThrow(() => harness.backend.publish('makeMove', circular));
    const frame = await client.expect('error');
    assert.equal(frame.payload?.errors?.[0].errorType, 'InternalFailure');
    assert.ok(harness.logs.some((line) => line.includes('rendering a makeMove result failed')));
    client.close();
  });
});

describe('deliverPublication and the registry', () => {
  function fakeSubscription(id: string, spec: Partial<SubscriptionSpec>, sent: string[]): LiveSubscription {
    return {
      id,
      spec: {
        fieldName: 'onMove',
        mutations: ['makeMove'],
        argumentFilters: {},
        renderKey: 'k',
        render: (result) => ({ data: { onMove: result as Record<string, unknown> } }),
        ...spec,
      },
      send: (frame) => sent.push(frame),
      end: () => sent.push(`end ${id}`),
    };
  }
  const options = { maxPayloadBytes: 240 * 1024, log: () => {} };

  test('1,000 subscribers share one rendering and one serialization; other mutations touch none of them', () => {
    const registry = new SubscriptionRegistry();
    const sent: string[] = [];
    let renders = 0;
    const render = (result: unknown) => {
      renders += 1;
      return { data: { onMove: result as Record<string, unknown> } };
    };
    for (let index = 0; index < 1000; index += 1) registry.add(fakeSubscription(`s${index}`, { render }, sent));
    assert.equal(registry.size, 1000);
    assert.deepEqual(deliverPublication(registry, { mutationField: 'resign', result: { gameId: 'g' } }, options), {
      listeners: 0,
      delivered: 0,
      renders: 0,
    });
    const report = deliverPublication(registry, { mutationField: 'makeMove', result: { gameId: 'g' } }, options);
    assert.deepEqual(report, { listeners: 1000, delivered: 1000, renders: 1 });
    assert.equal(renders, 1);
    assert.equal(sent.length, 1000);
    assert.deepEqual(JSON.parse(sent[999]), { id: 's999', type: 'data', payload: { data: { onMove: { gameId: 'g' } } } });
  });

  test('removing a subscription removes it from every index', () => {
    const registry = new SubscriptionRegistry();
    const sent: string[] = [];
    const live = fakeSubscription('a', { mutations: ['makeMove', 'resign', 'makeMove'] }, sent);
    registry.add(live);
    assert.equal(registry.listenersOf('resign').size, 1);
    registry.remove(live);
    registry.remove(live);
    assert.equal(registry.size, 0);
    assert.equal(registry.listenersOf('makeMove').size, 0);
    assert.equal(registry.listenersOf('resign').size, 0);
    assert.equal(registry.subscriptionsOf('onMove').size, 0);
  });

  test('invalidateSubscriptions ends only filtered matches of the field', () => {
    const registry = new SubscriptionRegistry();
    const sent: string[] = [];
    const byGame = (gameId: string) => ({ filterGroup: [{ filters: [{ fieldName: 'gameId', operator: 'eq', value: gameId }] }] });
    registry.add(fakeSubscription('a', { invalidationFilter: byGame('g1') }, sent));
    registry.add(fakeSubscription('b', { invalidationFilter: byGame('g2') }, sent));
    registry.add(fakeSubscription('c', {}, sent));
    assert.equal(invalidateSubscriptions(registry, { subscriptionField: 'onMove', payload: { gameId: 'g1' } }), 1);
    assert.deepEqual(sent, ['end a']);
  });
});
