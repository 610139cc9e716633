/**
 * Seed 000 over GraphQL: register, log in, add an item, look the player up publicly; plus the
 * auth errors and the privacy of contact details.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { RunningEngine } from '../../local/index.js';
import { client } from '../support/engine.js';
import { LOGIN, REGISTER, errorTypes, newPhoneNumber, publicClient, registerPlayer, startGameEngine, uniqueName, type Gql } from './support.js';

let engine: RunningEngine;
let gql: Gql;
beforeAll(async () => {
  engine = await startGameEngine();
  gql = publicClient(engine);
});
afterAll(() => engine.close());

const GET_USER = `query GetUser($username: String!) {
  getUser(username: $username) { username height weight email phoneNumber stats { gamesPlayed gamesWon gamesLost }
    items { itemId type source acquiredAt properties { attack defense charisma healing } } }
}`;
const ADD_ITEM = 'mutation { addItem { itemId type source properties { attack defense charisma healing } } }';

function registration(username: string, overrides: Record<string, unknown> = {}) {
  return { username, password: 'Mypassword1', email: `${username}@example.com`, phoneNumber: newPhoneNumber(), height: 75, weight: 350, ...overrides };
}

/** The one property an item has, by type, as seed 000 defines it. */
function propertyOf(item: { type: string; properties: Record<string, number | null> }): [string, number] {
  const present = Object.entries(item.properties).filter(([, value]) => value !== null);
  assert.equal(present.length, 1, `exactly one property: ${JSON.stringify(item.properties)}`);
  return present[0] as [string, number];
}

const PROPERTY_BY_TYPE: Record<string, string> = { WEAPON: 'attack', ARMOR: 'defense', CLOTHING: 'charisma', POTION: 'healing' };

describe('seed 000 walk-through', () => {
  test('register bonecrusher (75, 350), log in, add an item, fetch the player publicly with the item', async () => {
    const username = uniqueName('bonecrusher');
    const registered = await gql(REGISTER, { input: registration(username) });
    assert.equal(registered.body.errors, undefined, JSON.stringify(registered.body.errors));
    const user = registered.body.data?.register as Record<string, unknown>;
    assert.equal(user.username, username);
    assert.equal(user.height, 75);
    assert.equal(user.weight, 350);
    assert.deepEqual(user.items, []);
    assert.deepEqual(user.stats, { gamesPlayed: 0, gamesWon: 0, gamesLost: 0 });

    const login = await gql(LOGIN, { username, password: 'Mypassword1' });
    const session = login.body.data?.login as { idToken: string; accessToken: string; refreshToken: string; expiresIn: number };
    assert.equal(session.idToken.split('.').length, 3, 'the id token is a JWT');
    assert.ok(session.expiresIn > 0);

    const asPlayer = client(engine, { authorization: session.idToken });
    const added = await asPlayer(ADD_ITEM);
    assert.equal(added.body.errors, undefined, JSON.stringify(added.body.errors));
    const item = added.body.data?.addItem as { itemId: string; type: string; source: string; properties: Record<string, number | null> };
    assert.equal(item.source, 'FOUND');
    const [property, value] = propertyOf(item);
    assert.equal(property, PROPERTY_BY_TYPE[item.type]);
    assert.ok(value >= 1 && value <= 10);

    const fetched = await gql(GET_USER, { username });
    const publicView = fetched.body.data?.getUser as { items: Array<{ itemId: string }>; height: number; weight: number };
    assert.equal(publicView.height, 75);
    assert.equal(publicView.weight, 350);
    assert.deepEqual(publicView.items.map((i) => i.itemId), [item.itemId]);
  });

  test('adding an item without a token is refused, as in the seed', async () => {
    const answer = await gql(ADD_ITEM);
    assert.equal(answer.body.data?.addItem ?? null, null);
    assert.deepEqual(errorTypes(answer), ['Unauthorized']);
  });

  test('random items cover every type, each with its own property from 1 to 10', async () => {
    const player = await registerPlayer(engine, uniqueName('collector'));
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 4; i += 1) {
      const item = (await player.gql(ADD_ITEM)).body.data?.addItem as { type: string; properties: Record<string, number | null> };
      const [property, value] = propertyOf(item);
      assert.equal(property, PROPERTY_BY_TYPE[item.type]);
      assert.ok(value >= 1 && value <= 10);
      seen.add(item.type);
    }
    assert.equal(seen.size, 4, `all four item types should appear in 40 draws: ${[...seen]}`);
    const me = await player.gql('{ me { items { itemId } } }');
    assert.ok((me.body.data?.me as { items: unknown[] }).items.length >= 4);
  });
});

describe('contact details stay private', () => {
  test('the player sees their own email and phone; others and API key callers see null', async () => {
    const owner = await registerPlayer(engine, uniqueName('owner'));
    const other = await registerPlayer(engine, uniqueName('other'));
    const own = await owner.gql(GET_USER, { username: owner.username });
    assert.equal((own.body.data?.getUser as { email: string }).email, owner.email);
    assert.equal((own.body.data?.getUser as { phoneNumber: string }).phoneNumber, owner.phoneNumber);
    const me = await owner.gql('{ me { username email phoneNumber } }');
    assert.deepEqual(me.body.data?.me, { username: owner.username, email: owner.email, phoneNumber: owner.phoneNumber });

    for (const viewer of [other.gql, gql]) {
      const seen = await viewer(GET_USER, { username: owner.username });
      assert.equal(seen.body.errors, undefined);
      const user = seen.body.data?.getUser as { username: string; email: string | null; phoneNumber: string | null };
      assert.equal(user.username, owner.username);
      assert.equal(user.email, null);
      assert.equal(user.phoneNumber, null);
    }
    const raw = JSON.stringify((await gql(GET_USER, { username: owner.username })).body);
    assert.ok(!raw.includes(owner.phoneNumber) && !raw.includes(owner.email), 'no contact detail anywhere in the public answer');
  });
});

describe('auth errors', () => {
  test('UsernameExists for a taken username, and nothing changes for the first player', async () => {
    const username = uniqueName('taken');
    await registerPlayer(engine, username, { height: 10 });
    const again = await gql(REGISTER, { input: registration(username, { height: 99 }) });
    assert.deepEqual(errorTypes(again), ['UsernameExists']);
    const user = (await gql(GET_USER, { username })).body.data?.getUser as { height: number };
    assert.equal(user.height, 10);
  });

  test('InvalidPassword for a password outside the policy, and no account is created', async () => {
    const username = uniqueName('weak');
    const answer = await gql(REGISTER, { input: registration(username, { password: 'password' }) });
    assert.deepEqual(errorTypes(answer), ['InvalidPassword']);
    assert.deepEqual(errorTypes(await gql(GET_USER, { username })), ['UserNotFound']);
    assert.deepEqual(errorTypes(await gql(LOGIN, { username, password: 'password' })), ['NotAuthorized']);
  });

  test('InvalidInput for a bad phone number, e-mail or character size', async () => {
    for (const overrides of [{ phoneNumber: '555-0100' }, { email: 'not-an-email' }, { height: 0 }, { weight: -5 }, { username: 'a b' }]) {
      const answer = await gql(REGISTER, { input: registration(uniqueName('bad'), overrides) });
      assert.deepEqual(errorTypes(answer), ['InvalidInput'], JSON.stringify(overrides));
      assert.match(String(answer.body.errors?.[0].message), /\w/);
    }
  });

  test('NotAuthorized for a wrong password and for an unknown user alike', async () => {
    const player = await registerPlayer(engine, uniqueName('locked'));
    const wrong = await gql(LOGIN, { username: player.username, password: 'Wrongpassword1' });
    const unknown = await gql(LOGIN, { username: uniqueName('nobody'), password: 'Mypassword1' });
    assert.deepEqual(errorTypes(wrong), ['NotAuthorized']);
    assert.deepEqual(errorTypes(unknown), ['NotAuthorized']);
    assert.equal(wrong.body.errors?.[0].message, unknown.body.errors?.[0].message, 'the answer does not reveal whether the user exists');
  });

  test('UserNotFound for a player who does not exist', async () => {
    const answer = await gql(GET_USER, { username: uniqueName('ghost') });
    assert.equal(answer.body.data?.getUser, null);
    assert.deepEqual(errorTypes(answer), ['UserNotFound']);
  });

  test('refreshSession gives working tokens; a bad refresh token is NotAuthorized', async () => {
    const player = await registerPlayer(engine, uniqueName('refresher'));
    const refreshed = await gql('mutation R($t: String!) { refreshSession(refreshToken: $t) { idToken accessToken refreshToken expiresIn } }', { t: player.refreshToken });
    assert.equal(refreshed.body.errors, undefined, JSON.stringify(refreshed.body.errors));
    const session = refreshed.body.data?.refreshSession as { idToken: string; accessToken: string; refreshToken: string };
    assert.equal(session.refreshToken, player.refreshToken);
    for (const token of [session.idToken, session.accessToken]) {
      const me = await client(engine, { authorization: token })('{ me { username } }');
      assert.deepEqual(me.body.data?.me, { username: player.username });
    }
    const bad = await gql('mutation R($t: String!) { refreshSession(refreshToken: $t) { idToken } }', { t: 'not-a-refresh-token' });
    assert.deepEqual(errorTypes(bad), ['NotAuthorized']);
  });

  test('signed-in operations refuse API key callers', async () => {
    for (const query of ['{ me { username } }', '{ myGames { items { gameId } } }', 'mutation { createGame(opponent: "x") { gameId } }']) {
      const answer = await gql(query);
      assert.deepEqual(errorTypes(answer), ['Unauthorized'], query);
    }
  });
});
