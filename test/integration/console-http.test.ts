/** The console's HTTP side without a browser: the page, its read-only views, and who may read them. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunningEngine } from '../../local/index.js';
import { client, startTestEngine } from '../support/engine.js';

let engine: RunningEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});

afterAll(async () => {
  await engine?.close();
});

async function getJson(path: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> & { errors?: Array<{ errorType: string; message: string }> } }> {
  const response = await fetch(`${engine.url}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(path: string, host: string): Promise<number> {
  const url = new URL(engine.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console views', () => {
  test('GET / serves the page, which loads the built console', async () => {
    const response = await fetch(`${engine.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    assert.match(html, /<title>bookshelf · local console<\/title>/);
    assert.match(html, /\/console\/assets\/console\.js/);
    assert.equal((await fetch(`${engine.url}/console/assets/..%2Fpackage.json`)).status, 404);
  });

  test('config comes from the API description', async () => {
    const { status, headers, body } = await getJson('/console/api/config');
    assert.equal(status, 200);
    // No CORS: another origin's page cannot read the admin views.
    assert.equal(headers.get('access-control-allow-origin'), null);
    assert.equal(body.name, 'bookshelf');
    assert.deepEqual(body.authModes, ['AMAZON_COGNITO_USER_POOLS', 'API_KEY']);
    assert.equal(body.apiKey, engine.apiKey);
    assert.deepEqual(body.userPool, { id: engine.userPool!.id, clientId: engine.userPool!.clientId, endpoint: '/cognito', authFlows: ['ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] });
    assert.deepEqual(Object.keys(body.tables as object), ['books']);
  });

  test('the schema is served as an introspection result, whatever the auth mode', async () => {
    const { body } = await getJson('/console/api/schema');
    const types = (body.__schema as { types: Array<{ name: string }> }).types.map((t) => t.name);
    assert.ok(types.includes('Book') && types.includes('Query'));
  });

  test('a Host that is not loopback gets a 403 (DNS rebinding), loopback names pass', async () => {
    assert.equal(await getWithHost('/console/api/config', 'evil.example:80'), 403);
    assert.equal(await getWithHost('/', 'evil.example'), 403);
    assert.equal(await getWithHost('/console/api/config', `localhost:${new URL(engine.url).port}`), 200);
  });

  test('data pages: scan with a cursor through every item, query by key, clear refusals', async () => {
    const gql = client(engine, { 'x-api-key': engine.apiKey });
    const ids = ['d1', 'd2', 'd3'];
    for (const id of ids) {
      const answer = await gql('mutation($id: ID!) { addBook(id: $id, title: "T", tags: ["x"]) { id } }', { id });
      assert.equal(answer.body.errors, undefined);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await getJson(`/console/api/data?table=books&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(status, 200);
      for (const item of body.items as Array<{ id: string }>) seen.push(item.id);
      cursor = body.cursor as string | undefined;
      pages += 1;
    } while (cursor && pages < 10);
    assert.deepEqual(seen.sort(), ids);
    assert.ok(pages >= 2, 'two items a page take more than one page');

    const { body } = await getJson('/console/api/data?table=books&partitionValue=d2');
    assert.deepEqual(
      (body.items as Array<Record<string, unknown>>).map(({ id, title, tags }) => ({ id, title, tags })),
      [{ id: 'd2', title: 'T', tags: ['x'] }],
    );

    const unknownTable = await getJson('/console/api/data?table=__proto__');
    assert.equal(unknownTable.status, 400);
    assert.match(unknownTable.body.errors![0].message, /No table "__proto__"/);
    const badCursor = await getJson('/console/api/data?table=books&cursor=bm9wZQ');
    assert.equal(badCursor.status, 400);
    const noSortKey = await getJson('/console/api/data?table=books&partitionValue=d1&sortOp=%3D&sortValue=x');
    assert.equal(noSortKey.status, 400);
    assert.match(noSortKey.body.errors![0].message, /no sort key/);
  });

  test('the log view has each request line, newer lines after a sequence number', async () => {
    const before = (await getJson('/console/api/log')).body as unknown as Array<{ seq: number }>;
    const last = before.length ? before[before.length - 1].seq : 0;
    await client(engine, { 'x-api-key': engine.apiKey })('query ConsoleEcho { echo(message: "hi") }');
    await client(engine, { 'x-api-key': 'da2-wrong' })('query Denied { echo(message: "hi") }');
    const fresh = (await getJson(`/console/api/log?after=${last}`)).body as unknown as Array<{ seq: number; line: string }>;
    assert.ok(fresh.every((entry) => entry.seq > last));
    const lines = fresh.map((entry) => JSON.parse(entry.line) as { operation?: string; status?: number });
    assert.ok(lines.some((l) => l.operation === 'ConsoleEcho' && l.status === 200));
    assert.ok(lines.some((l) => l.status === 401));
  });

  test('the outbox view lists what was published', async () => {
    const { status, body } = await getJson('/console/api/outbox');
    assert.equal(status, 200);
    assert.ok(Array.isArray(body));
  });
});
