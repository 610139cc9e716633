import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { createBuiltSite, fileFor } from './static.js';

test('fileFor stays inside the folder and refuses hidden files', () => {
  const dir = `${sep}srv${sep}site`;
  assert.equal(fileFor(dir, ''), join(dir, 'index.html'));
  assert.equal(fileFor(dir, 'main.js'), join(dir, 'main.js'));
  assert.equal(fileFor(dir, '..%2Fsecret'), null);
  assert.equal(fileFor(dir, '../secret'), null);
  assert.equal(fileFor(dir, '.env'), null);
  assert.equal(fileFor(dir, 'a/.git/config'), null);
  assert.equal(fileFor(dir, '%E0%A4%A'), null);
});

let work: string;
let server: Server;
let base: string;
let builds = 0;
let failNext = true;
const logged: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'static-test-'));
  // A build module that fails once, then writes two files; the counter lives on globalThis so the test sees it.
  writeFileSync(
    join(work, 'build.mjs'),
    `import { writeFileSync } from 'node:fs';
     export default async function (outDir) {
       globalThis.staticTestBuild();
       if (globalThis.staticTestFail()) throw new Error('syntax error in app');
       writeFileSync(outDir + '/index.html', '<p>hi</p>');
       writeFileSync(outDir + '/main.js', 'console.log(1)');
     }`,
  );
  const g = globalThis as unknown as { staticTestBuild(): void; staticTestFail(): boolean };
  g.staticTestBuild = () => (builds += 1);
  g.staticTestFail = () => {
    const fail = failNext;
    failNext = false;
    return fail;
  };
  const site = createBuiltSite(work, { path: '/play', build: 'build.mjs' }, (line) => logged.push(line));
  server = createServer((req, res) => {
    site.serve(new URL(req.url ?? '/', 'http://x').pathname, req.headers, res).then((served) => {
      if (!served) {
        res.writeHead(418);
        res.end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  afterAll(() => {
    server.close();
    site.close();
    rmSync(work, { recursive: true, force: true });
  });
});

test('builds on first request, retries after a failed build, then serves files with their types', async () => {
  const failed = await fetch(`${base}/play/`);
  assert.equal(failed.status, 500);
  assert.match(logged.join('\n'), /syntax error in app/);

  const index = await fetch(`${base}/play/`);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=UTF-8');
  assert.equal(await index.text(), '<p>hi</p>');
  const script = await fetch(`${base}/play/main.js`);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=UTF-8');
  assert.equal(builds, 2, 'one failed build, one good one, then no more');

  const bare = await fetch(`${base}/play`, { redirect: 'manual' });
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get('location'), '/play/');
  assert.equal((await fetch(`${base}/play/missing.js`)).status, 404);
  assert.equal((await fetch(`${base}/play/..%2F..%2Fetc%2Fpasswd`)).status, 404);
  assert.equal((await fetch(`${base}/other`)).status, 418, 'paths outside the mount are not the site’s');
});

test('a file is answered 304 to its own ETag and 200 to any other', async () => {
  const first = await fetch(`${base}/play/main.js`);
  const etag = first.headers.get('etag');
  assert.ok(etag, 'files carry an ETag');
  assert.equal(first.headers.get('cache-control'), 'no-cache', 'the browser asks again on every load, so an edit shows');
  const again = await fetch(`${base}/play/main.js`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  const weak = await fetch(`${base}/play/main.js`, { headers: { 'if-none-match': `"other", W/${etag}` } });
  assert.equal(weak.status, 304, 'a list and a weak form of the same tag match too');
  assert.equal((await fetch(`${base}/play/index.html`, { headers: { 'if-none-match': etag } })).status, 200, 'another file’s tag does not');
});
