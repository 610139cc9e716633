import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import buildWeb, { cachedBundleIsFresh } from './build.js';

test('the bundle is reused while its inputs are unchanged, and stale once one changes', { timeout: 120_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'web-build-'));
  // A cache of its own, so engines building the app at the same time cannot touch what this test looks at.
  const cacheDir = join(out, 'cache');
  try {
    await buildWeb(join(out, 'first'), cacheDir);
    assert.deepEqual(readdirSync(join(out, 'first')).sort(), ['index.html', 'main.js', 'main.js.LEGAL.txt', 'styles.css']);
    const inputs = JSON.parse(readFileSync(join(cacheDir, 'inputs.json'), 'utf8')) as Record<string, string>;
    assert.ok(Object.keys(inputs).some((file) => file.startsWith('web/src/')), 'the app’s own sources are inputs');
    assert.ok(Object.keys(inputs).some((file) => file.startsWith('node_modules/react/')), 'so are the packages it bundles');
    const built = statSync(join(cacheDir, 'main.js')).mtimeMs;

    await buildWeb(join(out, 'second'), cacheDir);
    assert.equal(statSync(join(cacheDir, 'main.js')).mtimeMs, built, 'unchanged inputs: no new build');
    assert.equal(readFileSync(join(out, 'second', 'main.js'), 'utf8'), readFileSync(join(out, 'first', 'main.js'), 'utf8'));

    assert.deepEqual(readdirSync(cacheDir).filter((name) => name.startsWith('build-')), [], 'no build folder left behind');

    // As if web/src/main.tsx had been edited since the bundle was made (buildWeb builds whenever this says stale).
    assert.equal(cachedBundleIsFresh(cacheDir), true);
    writeFileSync(join(cacheDir, 'inputs.json'), JSON.stringify({ ...inputs, 'web/src/main.tsx': 'an older version' }));
    assert.equal(cachedBundleIsFresh(cacheDir), false);
    rmSync(join(cacheDir, 'inputs.json'));
    assert.equal(cachedBundleIsFresh(cacheDir), false, 'no list of inputs: stale');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
