/** A second engine started in the same folder leaves the first one's amplify_outputs.json and data directory alone. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { copyFixtureApi, runCli, startCli, type RunningCli } from '../support/cli.js';

const outputsUrl = (dir: string, file = 'amplify_outputs.json'): string =>
  (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { data: { url: string } }).data.url;

describe('two engines in one folder', () => {
  let copy: ReturnType<typeof copyFixtureApi>;
  let first: RunningCli;

  beforeAll(async () => {
    copy = copyFixtureApi();
    first = await startCli(['--data-dir', 'state', '--port', '0'], copy.dir);
  });
  afterAll(async () => {
    await first?.stop();
    copy.remove();
  });

  test('the first engine owns amplify_outputs.json', () => {
    assert.equal(outputsUrl(copy.dir), first.graphqlUrl);
    assert.ok(existsSync(join(copy.dir, '.amplify_outputs.json.lock')));
  });

  test('a second engine writes its config beside it and says where', async () => {
    const second = await startCli(['--memory', '--port', '0'], copy.dir);
    try {
      const port = new URL(second.graphqlUrl).port;
      assert.match(second.output(), new RegExp(`amplify_outputs\\.json belongs to the engine at ${first.graphqlUrl.replace('/graphql', '')}`));
      assert.equal(outputsUrl(copy.dir), first.graphqlUrl);
      assert.equal(outputsUrl(copy.dir, `amplify_outputs.${port}.json`), second.graphqlUrl);
    } finally {
      await second.stop();
    }
    // The second engine's exit leaves the first one's lock in place.
    assert.ok(existsSync(join(copy.dir, '.amplify_outputs.json.lock')));
  });

  test('a second engine on the same data directory is refused in one line', async () => {
    const result = await runCli(['--data-dir', 'state', '--port', '0'], copy.dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /Another engine \(pid \d+, http:\/\/127\.0\.0\.1:\d+\) already uses the data directory state.*--data-dir <dir> or --memory/);
    assert.equal(outputsUrl(copy.dir), first.graphqlUrl);
  });

  test('the lock goes with the engine that held it, so the next engine takes the file', async () => {
    await first.stop();
    assert.equal(existsSync(join(copy.dir, '.amplify_outputs.json.lock')), false);
    const next = await startCli(['--memory', '--port', '0'], copy.dir);
    try {
      assert.equal(outputsUrl(copy.dir), next.graphqlUrl);
      assert.doesNotMatch(next.output(), /belongs to the engine/);
    } finally {
      await next.stop();
    }
  });
});
