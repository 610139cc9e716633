/** Resolver semantics through GraphQL: errors, pipelines, early returns, ctx.info, data sources (fixture API). */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { RunningEngine } from '../../local/index.js';
import { client, startTestEngine } from '../support/engine.js';

let engine: RunningEngine;
let gql: ReturnType<typeof client>;
const logs: string[] = [];
beforeAll(async () => {
  engine = await startTestEngine({ log: (line) => logs.push(line) });
  gql = client(engine, { 'x-api-key': engine.apiKey });
});
afterAll(() => engine.close());

describe('error reporting', () => {
  test('util.error nulls the field and reports errorType, data and errorInfo at its path', async () => {
    const answer = await gql('query {\n  fail(kind: "error")\n}');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      data: { fail: null },
      errors: [{ path: ['fail'], data: { detail: 1 }, errorType: 'Fixture:Failure', errorInfo: { hint: 'info' }, locations: [{ line: 2, column: 3, sourceName: null }], message: 'It failed on purpose' }],
    });
  });

  test('util.unauthorized answers Unauthorized with AppSync message', async () => {
    const answer = await gql('{ fail(kind: "unauthorized") }');
    assert.equal(answer.body.data?.fail, null);
    assert.equal(answer.body.errors?.[0].errorType, 'Unauthorized');
    assert.equal(answer.body.errors?.[0].message, 'Not Authorized to access fail on type Query');
  });

  test('util.appendError keeps the value and adds the error', async () => {
    const answer = await gql('{ fail(kind: "append") partial }');
    assert.deepEqual(answer.body.data, { fail: 'value survived', partial: ['kept'] });
    assert.deepEqual(
      answer.body.errors?.map((e) => [e.errorType, e.path]),
      [
        ['Fixture:Appended', ['fail']],
        ['Fixture:Partial', ['partial']],
      ],
    );
  });

  test("util.appendError's data is filtered by the selection set, as util.error's is", async () => {
    const answer = await gql('{ info(first: -1) { name: fieldName } }');
    assert.deepEqual(answer.body.data, { info: { name: 'info' } });
    assert.deepEqual(answer.body.errors?.map((e) => [e.errorType, e.data]), [['Fixture:Info', { name: 'info' }]]);
  });

  test('an exception in resolver code fails the field, not the request', async () => {
    const answer = await gql('{ crash: fail(kind: "crash") ok: echo(message: "still") }');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.data, { crash: null, ok: 'hello: still' });
    assert.equal(answer.body.errors?.[0].errorType, 'Code');
    assert.deepEqual(answer.body.errors?.[0].path, ['crash']);
  });
});

describe('pipelines', () => {
  test('before, each function and after share the stash; prev.result threads through', async () => {
    const answer = await gql('{ pipelineTrace }');
    assert.deepEqual(answer.body.data?.pipelineTrace, [
      'before',
      'first.request:{"started":true}',
      'first.response',
      'second.request:{"fromFirst":1}',
      'second.response',
      'after:{"fromSecond":2}',
    ]);
  });

  test("earlyReturn with skipTo NEXT skips the function's data source and response", async () => {
    const answer = await gql('{ pipelineTrace(skip: "first") }');
    assert.deepEqual(answer.body.data?.pipelineTrace, ['before', 'first.request:{"started":true}', 'second.request:{"skippedFirst":true}', 'second.response', 'after:{"fromSecond":2}']);
  });

  test('earlyReturn without options in a function also goes on to the next function', async () => {
    const answer = await gql('{ pipelineTrace(skip: "default") }');
    assert.deepEqual(answer.body.data?.pipelineTrace, ['before', 'first.request:{"started":true}', 'second.request:{"defaulted":true}', 'second.response', 'after:{"fromSecond":2}']);
  });

  test('earlyReturn with skipTo END jumps to the after handler', async () => {
    const answer = await gql('{ pipelineTrace(skip: "end") }');
    assert.deepEqual(answer.body.data?.pipelineTrace, ['before', 'first.request:{"started":true}', 'after:{"endedAtFirst":true}']);
  });

  test('a pipeline without resolver.ts starts from {} and answers the last function result', async () => {
    const answer = await gql('{ twoSteps }');
    assert.deepEqual(answer.body.data?.twoSteps, ['{}', 'second']);
  });

  test('earlyReturn in the before handler skips every function', async () => {
    const answer = await gql('{ pipelineTrace(skip: "all") }');
    assert.deepEqual(answer.body.data?.pipelineTrace, ['before', 'after:{"early":true}']);
  });
});

describe('AppSync scalars', () => {
  test('AWSJSON arrives parsed in ctx.args and leaves as JSON text; valid scalars pass', async () => {
    const answer = await gql('query($j: AWSJSON) { scalars(json: $j, email: "a@b.co", at: "2026-11-22T10:00:00.000Z", stamp: 1795346635) }', { j: '{"heaps":[1,2]}' });
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    const echoed = JSON.parse(String(answer.body.data?.scalars)) as { args: Record<string, unknown>; jsonType: string };
    assert.equal(echoed.jsonType, 'object');
    assert.deepEqual(echoed.args, { json: { heaps: [1, 2] }, email: 'a@b.co', at: '2026-11-22T10:00:00.000Z', stamp: 1795346635 });
  });

  const bad: Array<[string, string]> = [
    ['AWSJSON that is not JSON', '{ scalars(json: "{nope") }'],
    ['a malformed AWSEmail', '{ scalars(email: "not-an-email") }'],
    ['an AWSDateTime without an offset', '{ scalars(at: "2026-11-22T10:00:00") }'],
  ];
  for (const [name, query] of bad) {
    test(`${name} is refused before any resolver runs`, async () => {
      const answer = await gql(query);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.data, null);
      assert.match(String(answer.body.errors?.[0].message), /Invalid AWS/);
    });
  }
});

describe('ctx.info', () => {
  test('selectionSetList flattens fragments and keeps aliases; selectionSetGraphQL keeps inline fragments', async () => {
    const query = 'query Q($n: Int) { info(first: $n) { name: fieldName ...F ... on Info { selectionSetGraphQL } } } fragment F on Info { parentTypeName selectionSetList variables }';
    const answer = await gql(query, { n: 3 });
    const info = answer.body.data?.info as Record<string, unknown>;
    assert.equal(info.name, 'info');
    assert.equal(info.parentTypeName, 'Query');
    assert.deepEqual(info.selectionSetList, ['name', 'parentTypeName', 'selectionSetList', 'variables', 'selectionSetGraphQL']);
    assert.match(String(info.selectionSetGraphQL), /\.\.\. on Info/);
    assert.deepEqual(JSON.parse(String(info.variables)), { n: 3 });
  });
});

describe('ctx.request', () => {
  /** A raw HTTP request, so hop-by-hop headers can be sent as a proxy would receive them. */
  function rawPost(body: string, headers: Record<string, string>): Promise<{ status: number; body: { data?: Record<string, unknown> | null } }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(engine.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': engine.apiKey, ...headers } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as { data?: Record<string, unknown> | null } }));
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  test('headers as AppSync passes them: hop-by-hop headers dropped, forwarding headers and a trace id added; no custom domain', async () => {
    const answer = await rawPost(JSON.stringify({ query: '{ info { request } }' }), {
      connection: 'keep-alive, x-hop',
      'x-hop': 'only for the next hop',
      'keep-alive': 'timeout=5',
      'x-custom': 'kept',
      'x-forwarded-for': '203.0.113.7',
    });
    assert.equal(answer.status, 200);
    const request = JSON.parse(String((answer.body.data?.info as { request: string }).request)) as { headers: Record<string, string>; domainName: unknown };
    assert.equal(request.domainName, null);
    const { headers } = request;
    assert.equal(headers['x-custom'], 'kept');
    assert.equal(headers['x-api-key'], engine.apiKey);
    for (const name of ['connection', 'keep-alive', 'x-hop']) assert.equal(headers[name], undefined, name);
    assert.match(headers['x-forwarded-for'], /^203\.0\.113\.7, (127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
    assert.equal(headers['x-forwarded-proto'], 'http');
    assert.equal(headers['x-forwarded-port'], new URL(engine.graphqlUrl).port);
    assert.match(headers['x-amzn-trace-id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(Object.keys(headers).filter((name) => name.startsWith('cloudfront-')).length, 0);
  });
});

describe('data sources', () => {
  test('DynamoDB: put then get; a failed condition shows the current item to the response handler', async () => {
    const created = await gql('mutation { addBook(id: "b1", title: "Nim", author: "Bouton", tags: ["games"]) { id title author owner tags } }');
    assert.deepEqual(created.body.data?.addBook, { id: 'b1', title: 'Nim', author: 'Bouton', owner: 'anonymous', tags: ['games'] });
    const again = await gql('mutation { addBook(id: "b1", title: "Other") { id title } }');
    assert.equal(again.body.data?.addBook, null);
    assert.equal(again.body.errors?.[0].errorType, 'DynamoDB:ConditionalCheckFailedException');
    // AppSync filters an error's data by the field's selection set.
    assert.deepEqual(again.body.errors?.[0].data, { id: 'b1', title: 'Nim' });
    const fetched = await gql('{ getBook(id: "b1") { title } missing: getBook(id: "none") { title } }');
    assert.deepEqual(fetched.body.data, { getBook: { title: 'Nim' }, missing: null });
  });

  test('DynamoDB: a conditional update that loses reports the winning value', async () => {
    await gql('mutation { addBook(id: "b2", title: "Draft") { id } }');
    const first = await gql('mutation { renameBook(id: "b2", title: "Final", expectedTitle: "Draft") { title } }');
    assert.deepEqual(first.body.data?.renameBook, { title: 'Final' });
    const second = await gql('mutation { renameBook(id: "b2", title: "Other", expectedTitle: "Draft") { title } }');
    assert.equal(second.body.errors?.[0].errorType, 'DynamoDB:ConditionalCheckFailedException');
    assert.deepEqual(second.body.errors?.[0].data, { title: 'Final' });
  });

  test('DynamoDB: scan pages with an opaque nextToken', async () => {
    for (const id of ['p1', 'p2', 'p3']) await gql(`mutation { addBook(id: "${id}", title: "${id}") { id } }`);
    const seen = new Set<string>();
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const answer = await gql('query($t: String) { listBooks(limit: 2, nextToken: $t) { items { id } nextToken } }', { t: nextToken });
      const page = answer.body.data?.listBooks as { items: Array<{ id: string }>; nextToken: string | null };
      for (const item of page.items) seen.add(item.id);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 10);
    for (const id of ['p1', 'p2', 'p3']) assert.ok(seen.has(id), `page walk missed ${id}`);
    assert.ok(pages >= 2);
  });

  test('Lambda: the handler runs in-process with its environment from the description', async () => {
    const answer = await gql('{ shout(text: "nim") }');
    assert.equal(answer.body.data?.shout, `NIM! (${engine.tableNames.books})`);
  });

  test('Lambda: a thrown error reaches the response handler as Lambda:Unhandled', async () => {
    const answer = await gql('{ shout(text: "boom") }');
    assert.equal(answer.body.data?.shout, null);
    assert.equal(answer.body.errors?.[0].errorType, 'Lambda:Unhandled');
    assert.equal(answer.body.errors?.[0].message, 'shout refuses to shout boom');
  });
});

describe('logs', () => {
  test('one structured line per request with per-resolver timings', async () => {
    logs.length = 0;
    await gql('query Named { echo(message: "log") pipelineTrace }');
    const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.operation === 'Named');
    assert.ok(line, 'no log line for the request');
    assert.equal(line.status, 200);
    assert.equal(typeof line.ms, 'number');
    const resolvers = line.resolvers as Array<{ path: string; stages: Array<{ name: string }> }>;
    assert.deepEqual(resolvers.map((r) => r.path).sort(), ['echo', 'pipelineTrace']);
    const pipeline = resolvers.find((r) => r.path === 'pipelineTrace');
    assert.ok(pipeline?.stages.some((s) => s.name === 'Query_pipelineTrace_2_second'));
  });

  test("the line carries each error's path, errorType and message", async () => {
    logs.length = 0;
    await gql('query Failing { fail(kind: "error") partial shout(text: "boom") }');
    const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.operation === 'Failing');
    assert.ok(line, 'no log line for the request');
    assert.equal(line.status, 200);
    const errors = (line.errors as Array<{ path: string }>).sort((a, b) => a.path.localeCompare(b.path));
    assert.deepEqual(errors, [
      { path: 'fail', errorType: 'Fixture:Failure', message: 'It failed on purpose' },
      { path: 'partial', errorType: 'Fixture:Partial', message: 'second entry missing' },
      { path: 'shout', errorType: 'Lambda:Unhandled', message: 'shout refuses to shout boom' },
    ]);
  });
});
