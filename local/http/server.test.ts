import assert from 'node:assert/strict';
import { test } from 'vitest';
import { createHttpServer } from './server.js';

// The slow-client tests run these rules with short limits; what `npm start` gives a client is these defaults.
test('a client has 10 s for its headers and 30 s for its whole request unless the engine is told otherwise', () => {
  const defaults = createHttpServer(() => undefined);
  assert.equal(defaults.headersTimeout, 10_000);
  assert.equal(defaults.requestTimeout, 30_000);
  const chosen = createHttpServer(() => undefined, { headersMs: 1_000 });
  assert.equal(chosen.headersTimeout, 1_000);
  assert.equal(chosen.requestTimeout, 30_000);
});
