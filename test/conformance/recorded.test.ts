/**
 * Every case AWS AppSync recorded with EvaluateCode (recorded/*.json, each file names its source
 * and licence) runs through the local EvaluateCode endpoint and must give the recorded output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { deepStrictEqual } from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { expectedOf, observed, startHarness, type ConformanceCase, type EvaluateCodeHarness } from './harness.js';

const folder = new URL('./recorded/', import.meta.url);
const corpora = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, cases: (JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as { cases: ConformanceCase[] }).cases }));

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
      });
    }
  });
}
