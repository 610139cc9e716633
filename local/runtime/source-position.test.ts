import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { frameIn, lineStarts, originalOffset, positionAt } from './source-position.js';

describe('source positions', () => {
  test('an offset becomes a 1-based line and column', () => {
    const starts = lineStarts('ab\ncd\n\nef');
    assert.deepEqual(positionAt(starts, 0), { line: 1, column: 1 });
    assert.deepEqual(positionAt(starts, 4), { line: 2, column: 2 });
    assert.deepEqual(positionAt(starts, 6), { line: 3, column: 1 });
    assert.deepEqual(positionAt(starts, 8), { line: 4, column: 2 });
  });

  test("the first frame in the bundle's file is found, named or anonymous", () => {
    const stack = 'TypeError: x\n    at thing (appsync-runtime-library.js:10:5)\n    at request (code.js:3:14)\n    at code.js:9:1';
    assert.deepEqual(frameIn(stack, 'code.js'), { line: 3, column: 14 });
    assert.deepEqual(frameIn('Error\n    at code.js:7:2', 'code.js'), { line: 7, column: 2 });
    assert.equal(frameIn(stack, 'other.js'), null);
    assert.equal(frameIn('at notcode.js:1:1', 'code.js'), null);
  });

  test('offsets in edited text map back across insertions and deletions', () => {
    // original: "export function f() { x }" ; edits: drop "export ", insert "T();" after "{"
    const original = 'export function f() { x }';
    const edits = [
      { start: 0, end: 7, text: '' },
      { start: 21, end: 21, text: 'T();' },
    ];
    const edited = 'function f() {T(); x }';
    const at = (text: string, needle: string) => text.indexOf(needle);
    assert.equal(originalOffset(edits, at(edited, 'f()')), at(original, 'f()'));
    assert.equal(originalOffset(edits, at(edited, ' x ') + 1), at(original, ' x ') + 1);
    // Inside inserted text: where it was inserted.
    assert.equal(originalOffset(edits, at(edited, 'T();') + 1), 21);
  });
});
