/**
 * `npm run dev` (local/cli.ts --watch) on a temporary copy of the fixture API: an edited resolver is served
 * on the next requests without a restart, with the same data, API key and real-time connections; a broken
 * edit keeps the last good API and says what is wrong in one line; the engine's own output never
 * triggers a reload.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { copyFixtureApi, startCli, type RunningCli } from '../support/cli.js';
import { post } from '../support/engine.js';
import { connectRealtime, type RealtimeConnection } from '../support/realtime.js';

const ECHO = 'resolvers/Query.echo.[none].ts';
const echoResolver = (template: string) =>
  `import type { Context } from '@aws-appsync/utils';\n\nexport function request(ctx: Context<{ message: string }>) {\n  return { payload: \`${template}\` };\n}\n\nexport function response(ctx: Context) {\n  return ctx.result;\n}\n`;

/** Asks until the answer matches: the swap takes some time after the file is written, which the test does not assume. */
async function eventually<T>(ask: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await ask();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const reloadLines = (output: string) => output.split('\n').filter((line) => line.startsWith('[dev] reloaded'));

describe('npm run dev', () => {
  let copy: ReturnType<typeof copyFixtureApi>;
  let dev: RunningCli;
  let gql: (query: string) => ReturnType<typeof post>;
  let realtime: RealtimeConnection;
  const write = (path: string, content: string) => writeFileSync(join(copy.dir, path), content);

  beforeAll(async () => {
    copy = copyFixtureApi();
    dev = await startCli(['--watch', '--data-dir', 'state', '--port', '0', '--quiet'], copy.dir);
    gql = (query) => post(dev.graphqlUrl, { query }, { 'x-api-key': dev.apiKey });
    await dev.waitFor(/Watching/);
  });
  afterAll(async () => {
    realtime?.close();
    await dev?.stop();
    copy?.remove();
  });

  test('an edited resolver is served without a restart, with the same data, key and connections', async () => {
    const added = await gql('mutation { addBook(id: "b1", title: "Kept") { id } }');
    assert.deepEqual(added.body, { data: { addBook: { id: 'b1' } } });
    assert.deepEqual((await gql('{ echo(message: "x") }')).body, { data: { echo: 'hello: x' } });
    realtime = await connectRealtime(dev.graphqlUrl.replace('http', 'ws') + '/realtime', { host: new URL(dev.graphqlUrl).host, 'x-api-key': dev.apiKey });
    const { id } = await realtime.subscribe('subscription { onAddBook { id title } }');

    write(ECHO, echoResolver('v2 ${ctx.args.message}'));
    const answer = await eventually(() => gql('{ echo(message: "x") }'), (a) => a.body.data?.echo === 'v2 x');
    assert.deepEqual(answer.body, { data: { echo: 'v2 x' } });
    assert.match(dev.output(), /\[dev\] reloaded in \d+ ms: rebuilt build\/bookshelf\/appsync\/Query\.echo\.js$/m);

    // Same data directory, same API key (the request above used the one printed at start).
    assert.deepEqual((await gql('{ getBook(id: "b1") { title } }')).body, { data: { getBook: { title: 'Kept' } } });
    const outputs = JSON.parse(readFileSync(join(copy.dir, 'amplify_outputs.json'), 'utf8')) as { data: { api_key: string } };
    assert.equal(outputs.data.api_key, dev.apiKey);
    // The connection opened before the swap still receives what the new API publishes.
    await gql('mutation { addBook(id: "b2", title: "Live") { id title } }');
    const frame = await realtime.next('data', id);
    assert.deepEqual(frame.payload?.data, { onAddBook: { id: 'b2', title: 'Live' } });
  });

  test('a broken edit keeps the last good API and prints one line with file:line:column', async () => {
    write(ECHO, 'export function request(ctx) {\n  return { payload: ctx.args.message +  };\n}\n');
    const line = (await dev.waitFor(/\[dev\] reload failed.*\n/))[0];
    assert.match(line, /^\[dev\] reload failed, still serving the last good API: resolvers\/Query\.echo\.\[none\]\.ts:2:\d+: Unexpected "}" \(esbuild\)\n$/);
    assert.deepEqual((await gql('{ echo(message: "y") }')).body, { data: { echo: 'v2 y' } });
    assert.doesNotMatch(dev.output(), /^\s+at /m);

    write(ECHO, echoResolver('v3 ${ctx.args.message}'));
    const answer = await eventually(() => gql('{ echo(message: "z") }'), (a) => a.body.data?.echo === 'v3 z');
    assert.deepEqual(answer.body, { data: { echo: 'v3 z' } });
  });

  test('a schema change is served too, and a description error keeps the last good API', async () => {
    const schema = readFileSync(join(copy.dir, 'schema.graphql'), 'utf8');
    write('schema.graphql', schema.replace('  echo(message: String!): String @aws_api_key', '  echo(message: String!, times: Int): String @aws_api_key'));
    const answer = await eventually(() => gql('{ echo(message: "s", times: 2) }'), (a) => a.body.data?.echo === 'v3 s');
    assert.deepEqual(answer.body, { data: { echo: 'v3 s' } });

    write('schema.graphql', `${schema}\nextend type Query { orphan: String @aws_api_key }\n`);
    const line = (await dev.waitFor(/\[dev\] reload failed.*orphan.*\n/))[0];
    assert.match(line, /api\.ts: .*Query\.orphan has no resolver file/);
    assert.deepEqual((await gql('{ echo(message: "t", times: 1) }')).body, { data: { echo: 'v3 t' } });
    const reloads = reloadLines(dev.output()).length;
    write('schema.graphql', schema);
    await eventually(async () => reloadLines(dev.output()).length, (count) => count > reloads);
    const stale = await gql('{ echo(message: "u", times: 1) }');
    assert.match(String(stale.body.errors?.[0]?.message), /Unknown argument "times"/);
  });

  test('the engine never reloads on its own output', async () => {
    const before = reloadLines(dev.output()).length;
    // Nothing was edited since the last reload: wait as long as a few reloads would take and count them.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(reloadLines(dev.output()).length, before);
  });
});
