/**
 * Where in the resolver's own source an uncaught exception happened. The runtime runs a rewritten
 * copy of the code (prepare.ts inserts time checks and rewrites imports) inside a wrapper, so the
 * position V8 reports in the stack is translated back to the text the user wrote.
 */
export interface SourcePosition {
  /** 1-based, as AppSync's `code.js:LINE:COLUMN: ` prefix and codeErrors count them. */
  line: number;
  column: number;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): SourcePosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** The first stack frame in `filename` (e.g. `at request (code.js:3:14)` or `at code.js:3:14`), or null. */
export function frameIn(stack: string, filename: string): SourcePosition | null {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`[(\\s]${escaped}:(\\d+):(\\d+)\\)?$`, 'm').exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

/** An edit prepare.ts made to the original text: [start, end) replaced by text. */
export interface SourceEdit {
  start: number;
  end: number;
  text: string;
}

/** Maps an offset in the edited text back to the original; a position inside inserted text maps to where it was inserted. */
export function originalOffset(edits: readonly SourceEdit[], editedOffset: number): number {
  const ordered = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const edit of ordered) {
    const editedStart = edit.start + shift;
    if (editedOffset < editedStart) break;
    if (editedOffset < editedStart + edit.text.length) return edit.start;
    shift += edit.text.length - (edit.end - edit.start);
  }
  return editedOffset - shift;
}
