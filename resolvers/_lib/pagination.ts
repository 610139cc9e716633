/**
 * myGames reads two indexes (the caller as player1, the caller as player2) and merges them.
 * Both are sorted by gameId, a ULID, so "newest first" is "largest gameId first", and a page ends
 * at a gameId: the next page asks both indexes for games older than it (keyset pagination).
 * No util here, so the module is plain code that tests can run directly. APPSYNC_JS forbids
 * passing a comparator to `sort`, so the merge walks both lists by hand.
 */

export interface Page<T> {
  items: T[];
  /** The gameId the next page starts below; null when there is nothing more. */
  cursor: string | null;
}

export interface IndexSlice<T> {
  /** Newest first, as the index returned them. */
  items: T[];
  /** The index said it holds more items beyond these. */
  more: boolean;
}

export function mergeNewestFirst<T extends { gameId: string }>(first: IndexSlice<T>, second: IndexSlice<T>, limit: number): Page<T> {
  const items: T[] = [];
  let i = 0;
  let j = 0;
  const total = first.items.length + second.items.length;
  for (const _step of first.items.concat(second.items)) {
    if (items.length >= limit || i + j >= total) break;
    const a = i < first.items.length ? first.items[i] : null;
    const b = j < second.items.length ? second.items[j] : null;
    if (b === null || (a !== null && a.gameId > b.gameId)) {
      items.push(a as T);
      i = i + 1;
    } else {
      items.push(b);
      j = j + 1;
    }
  }
  const leftOver = i + j < total;
  const more = leftOver || first.more || second.more;
  const last = items.length > 0 ? items[items.length - 1].gameId : null;
  return { items, cursor: more && items.length === limit ? last : null };
}
