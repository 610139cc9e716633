/** Lists the API serves page by page (myGames, publicGames, leaderboard), read whole and printed as columns. */
import type { Context } from './command.js';

interface Page<T> {
  items: T[];
  nextToken?: string | null;
}

/** Follows nextToken until the last page, or until `most` items are in hand. */
export async function readPages<T>(fetchPage: (nextToken: string | null) => Promise<Page<T> | null | undefined>, most = Infinity): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page<T> | null | undefined = await fetchPage(nextToken);
    all.push(...(page?.items ?? []));
    nextToken = page?.nextToken ?? null;
  } while (nextToken && all.length < most);
  return all.slice(0, most);
}

/** Left-aligned columns under a header, two spaces apart. */
export function printTable(context: Context, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) context.out(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}
