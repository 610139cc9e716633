import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadApi } from '../../description/load.js';
import { LAMBDA_DEFAULTS } from '../../infra/defaults.js';
import { comparisonTable, DEFAULT_ASSUMPTIONS, estimate, HEAVIEST_GAME, PROFILES, TYPICAL_GAME, gameReadUnitsPerMove, gameWriteUnitsPerMove, markdownTable, moveFacts, PRICES, totals, writeUnitsPerMove, type CostLine } from '../../infra/cost-model.js';

const fixturePath = join(import.meta.dirname, 'fixture', 'api.ts');

function lineFor(lines: CostLine[], pattern: RegExp): CostLine {
  const found = lines.find((l) => pattern.test(`${l.service} ${l.what}`));
  assert.ok(found, `a line matching ${pattern}`);
  return found;
}

describe('cost model', () => {
  test('reads the game indexes and the notify memory from the description', async () => {
    const api = await loadApi(fixturePath);
    // The fixture's games table has one ALL index and one KEYS_ONLY index keyed on `status`.
    assert.deepEqual(moveFacts(api.description), { copyIndexes: 1, endKeyIndexes: 0, publicEndIndexes: 0, notifyMemoryMb: LAMBDA_DEFAULTS.memoryMB, ratingIndexes: 0 });
    assert.deepEqual(moveFacts(api.description, 'games', 'notify', ['status']), { copyIndexes: 1, endKeyIndexes: 1, publicEndIndexes: 0, notifyMemoryMb: LAMBDA_DEFAULTS.memoryMB, ratingIndexes: 0 });
    assert.deepEqual(moveFacts(api.description, 'games', 'notify', [], 'players', ['status']), { copyIndexes: 1, endKeyIndexes: 0, publicEndIndexes: 1, notifyMemoryMb: LAMBDA_DEFAULTS.memoryMB, ratingIndexes: 0 });
    assert.throws(() => moveFacts(api.description, 'scores'), /no "scores" table/);
  });

  test("the project's own API: every write a move and a game's end make, and cheaper than every index holding a copy", async () => {
    const api = await loadApi(join(import.meta.dirname, '..', '..', 'api.ts'));
    const facts = moveFacts(api.description);
    assert.equal(facts.copyIndexes, 0);
    assert.equal(facts.endKeyIndexes, 2);
    assert.equal(facts.publicEndIndexes, 1);
    assert.equal(facts.ratingIndexes, 1);
    for (const profile of [HEAVIEST_GAME, TYPICAL_GAME]) {
      const perGame = profile.movesPerGame;
      const playerWrite = Math.ceil(profile.playerItemBytes / 1024);
      // The move's own write, then per game: status index entries moved, a public game's entry deleted, one settle write per player and the leaderboard entries.
      const publicEntry = profile.publicGame ? facts.publicEndIndexes / perGame : 0;
      const expected = gameWriteUnitsPerMove(profile) + (facts.endKeyIndexes * 2) / perGame + publicEntry + (2 * playerWrite) / perGame + (facts.ratingIndexes * 4) / perGame;
      assert.ok(Math.abs(writeUnitsPerMove(estimate(facts, profile)) - expected) < 1e-9, `write units per move: ${writeUnitsPerMove(estimate(facts, profile))}`);
    }
    const lines = estimate(facts);
    assert.equal(lines.filter((l) => /players' .*writes? at game end/.test(l.what)).length, 1, 'one settle write per player, not one per concern');
    const copied = estimate({ ...facts, copyIndexes: 4, endKeyIndexes: 0 });
    assert.ok(totals(lines).withoutSms < totals(copied).withoutSms);
  });

  test('each line costs quantity × moves × unit price', () => {
    const lines = estimate({ copyIndexes: 4, endKeyIndexes: 0, notifyMemoryMb: 256, ratingIndexes: 0, publicEndIndexes: 0 });
    for (const l of lines) assert.ok(Math.abs(l.cost - (l.perMove * 1_000_000 * l.price.usd) / l.price.per) < 1e-9, l.what);
    assert.equal(lineFor(lines, /makeMove mutation/).cost, 4);
    assert.equal(lineFor(lines, /SMS/).cost, 1_000_000 * PRICES.sms.usd);
  });

  test('an index holding the whole item adds a copy to each move write; a key-only index only moves its entry at game end', () => {
    const perItem = gameWriteUnitsPerMove(DEFAULT_ASSUMPTIONS);
    const units = (copyIndexes: number, endKeyIndexes: number) => writeUnitsPerMove(estimate({ copyIndexes, endKeyIndexes, notifyMemoryMb: 256, ratingIndexes: 0, publicEndIndexes: 0 }));
    const settle = (2 * Math.ceil(DEFAULT_ASSUMPTIONS.playerItemBytes / 1024)) / DEFAULT_ASSUMPTIONS.movesPerGame;
    assert.equal(units(0, 0), perItem + settle);
    assert.equal(units(4, 0), perItem * 5 + settle);
    assert.equal(units(0, 2), perItem + (2 * 2) / DEFAULT_ASSUMPTIONS.movesPerGame + settle);
  });

  test("a move's game write is billed by the larger of the item before and after it, its read by the item before it", () => {
    const game = (gameItemBytes: number[]) => ({ ...DEFAULT_ASSUMPTIONS, gameItemBytes, movesPerGame: gameItemBytes.length - 1 });
    // 1 KB is 1024 bytes: the move that crosses it costs 2, like every later one.
    assert.equal(gameWriteUnitsPerMove(game([500, 1000, 1024, 1025, 1100])), (1 + 1 + 2 + 2) / 4);
    assert.equal(gameReadUnitsPerMove(game([500, 4096, 4097])), (1 + 1) / 2);
    assert.throws(() => gameWriteUnitsPerMove({ ...DEFAULT_ASSUMPTIONS, gameItemBytes: [500, 600] }), /needs 9 sizes/);
  });

  test("each player's settle write is billed by the whole record", () => {
    const settleLine = (playerItemBytes: number) => lineFor(estimate({ copyIndexes: 0, endKeyIndexes: 0, notifyMemoryMb: 256, ratingIndexes: 0, publicEndIndexes: 0 }, { ...DEFAULT_ASSUMPTIONS, playerItemBytes }), /settle writes/).perMove;
    assert.equal(settleLine(900), 2 / DEFAULT_ASSUMPTIONS.movesPerGame);
    assert.equal(settleLine(16 * 1024), (2 * 16) / DEFAULT_ASSUMPTIONS.movesPerGame);
  });

  test('Lambda duration cost follows the memory, real-time messages follow the subscribers', () => {
    const small = lineFor(estimate({ copyIndexes: 0, endKeyIndexes: 0, notifyMemoryMb: 128, ratingIndexes: 0, publicEndIndexes: 0 }), /notify \d+ ms/).cost;
    const large = lineFor(estimate({ copyIndexes: 0, endKeyIndexes: 0, notifyMemoryMb: 512, ratingIndexes: 0, publicEndIndexes: 0 }), /notify \d+ ms/).cost;
    assert.ok(Math.abs(large - 4 * small) < 1e-9);
    const three = estimate({ copyIndexes: 0, endKeyIndexes: 0, notifyMemoryMb: 128, ratingIndexes: 0, publicEndIndexes: 0 }, { ...DEFAULT_ASSUMPTIONS, subscribersPerGame: 3 });
    assert.equal(lineFor(three, /onMove delivered/).perMove, 3);
  });

  test('the table lists every line with its unit price and the totals', () => {
    const lines = estimate({ copyIndexes: 4, endKeyIndexes: 0, notifyMemoryMb: 256, ratingIndexes: 0, publicEndIndexes: 0 });
    const table = markdownTable(lines).split('\n');
    assert.equal(table.length, lines.length + 4);
    assert.match(table[0], /Unit price \(assumed, us-east-1\)/);
    for (const [index, l] of lines.entries()) assert.ok(table[index + 2].includes(l.what) && table[index + 2].includes(`$${l.price.usd}`), l.what);
    const { total, withoutSms } = totals(lines);
    assert.ok(Math.abs(total - withoutSms - lineFor(lines, /SMS/).cost) < 1e-9);
    assert.match(table.at(-2)!, new RegExp(`\\$${Math.round(total)}`));
  });

  test("a public game's end deletes its entry in the public-game index (one write); a private game has none", () => {
    const facts = { copyIndexes: 0, endKeyIndexes: 0, notifyMemoryMb: 256, ratingIndexes: 0, publicEndIndexes: 1 };
    const entry = (publicGame: boolean) => lineFor(estimate(facts, { ...DEFAULT_ASSUMPTIONS, publicGame }), /public-game index deleted/).perMove;
    assert.equal(entry(true), 1 / DEFAULT_ASSUMPTIONS.movesPerGame);
    assert.equal(entry(false), 0);
  });

  test('profiles side by side: the same lines, each profile with its own figures and write units', () => {
    const facts = { copyIndexes: 0, endKeyIndexes: 2, notifyMemoryMb: 256, ratingIndexes: 1, publicEndIndexes: 1 };
    const profiles = PROFILES.map((p) => ({ name: p.name, lines: estimate(facts, p.assumptions) }));
    const table = comparisonTable(profiles).split('\n');
    assert.equal(table.length, profiles[0].lines.length + 5);
    assert.match(table[0], new RegExp(`${PROFILES[0].name}: per move .* ${PROFILES[1].name}: per move`));
    const cells = (row: string) => row.split('|').slice(1, -1).map((cell) => cell.trim());
    const settle = cells(table.find((row) => row.includes('settle writes'))!);
    assert.deepEqual(settle.slice(2, 6), [String(profiles[0].lines.find((l) => /settle/.test(l.what))!.perMove), '$0.3125', '0.75', '$0.4688']);
    const units = cells(table.find((row) => row.includes('write units'))!);
    assert.deepEqual([units[2], units[4]], profiles.map((p) => `**${writeUnitsPerMove(p.lines)}**`));
    assert.throws(() => comparisonTable([profiles[0], { name: 'other', lines: profiles[1].lines.slice(1) }]), /do not match/);
  });
});
