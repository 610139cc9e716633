/**
 * Every case AWS AppSync recorded with EvaluateCode (recorded/*.json, each file names its source
 * and licence) and every worked example of the developer guide (developer-guide/*.json, each case
 * names its page) runs through the local EvaluateCode endpoint and must give the expected output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { deepStrictEqual, doesNotMatch, match } from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { expectedOf, observed, startHarness, type ConformanceCase, type EvaluateCodeHarness } from './harness.js';

const corpora = ['recorded', 'developer-guide'].flatMap((name) => {
  const folder = new URL(`./${name}/`, import.meta.url);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ file: `${name}/${file}`, cases: (JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as { cases: ConformanceCase[] }).cases }));
});

let harness: EvaluateCodeHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

for (const { file, cases } of corpora) {
  describe(file, () => {
    for (const testCase of cases) {
      test(testCase.name, async () => {
        const output = await harness.evaluate(testCase);
        deepStrictEqual(observed(output, testCase.compare), expectedOf(testCase));
        // As the recording harness notes: an error raised inside the utils reaches an EvaluateCode
        // caller as an uncaught exception behind a code.js:LINE:COLUMN: prefix (which it strips);
        // a util.error / util.unauthorized message arrives without one.
        if (file.startsWith('recorded/') && testCase.expectedError !== undefined) {
          const raisedByUtilError = /util\.(error|unauthorized)\(/.test(testCase.code);
          (raisedByUtilError ? doesNotMatch : match)(output.error?.message ?? '', /^code\.js:\d+:\d+: /);
        }
      });
    }
  });
}
