import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadApi } from '../../description/load.js';
import { LAMBDA_DEFAULTS } from '../../infra/defaults.js';
import { DEFAULT_ASSUMPTIONS, estimate, markdownTable, moveFacts, PRICES, totals, type CostLine } from '../../infra/cost-model.js';

const fixturePath = join(import.meta.dirname, 'fixture', 'api.ts');

function lineFor(lines: CostLine[], pattern: RegExp): CostLine {
  const found = lines.find((l) => pattern.test(`${l.service} ${l.what}`));
  assert.ok(found, `a line matching ${pattern}`);
  return found;
}

describe('cost model', () => {
  test('reads the game indexes and the notify memory from the description', async () => {
    const api = await loadApi(fixturePath);
    assert.deepEqual(moveFacts(api.description), { gameIndexes: 2, notifyMemoryMb: LAMBDA_DEFAULTS.memoryMB });
    assert.throws(() => moveFacts(api.description, 'scores'), /no "scores" table/);
  });

  test('each line costs quantity × moves × unit price', () => {
    const lines = estimate({ gameIndexes: 4, notifyMemoryMb: 256 });
    for (const l of lines) assert.ok(Math.abs(l.cost - (l.perMove * 1_000_000 * l.price.usd) / l.price.per) < 1e-9, l.what);
    assert.equal(lineFor(lines, /makeMove mutation/).cost, 4);
    assert.equal(lineFor(lines, /SMS/).cost, 1_000_000 * PRICES.sms.usd);
  });

  test('every index of the games table adds a copy of the item to each move write', () => {
    const writes = (gameIndexes: number) => lineFor(estimate({ gameIndexes, notifyMemoryMb: 256 }), /UpdateItem/).perMove;
    const perItem = Math.ceil(DEFAULT_ASSUMPTIONS.gameItemKb);
    assert.equal(writes(0), perItem);
    assert.equal(writes(4), perItem * 5);
  });

  test('Lambda duration cost follows the memory, real-time messages follow the subscribers', () => {
    const small = lineFor(estimate({ gameIndexes: 0, notifyMemoryMb: 128 }), /notify \d+ ms/).cost;
    const large = lineFor(estimate({ gameIndexes: 0, notifyMemoryMb: 512 }), /notify \d+ ms/).cost;
    assert.ok(Math.abs(large - 4 * small) < 1e-9);
    const three = estimate({ gameIndexes: 0, notifyMemoryMb: 128 }, { ...DEFAULT_ASSUMPTIONS, subscribersPerGame: 3 });
    assert.equal(lineFor(three, /onMove delivered/).perMove, 3);
  });

  test('the table lists every line with its unit price and the totals', () => {
    const lines = estimate({ gameIndexes: 4, notifyMemoryMb: 256 });
    const table = markdownTable(lines).split('\n');
    assert.equal(table.length, lines.length + 4);
    assert.match(table[0], /Unit price \(assumed, us-east-1\)/);
    for (const [index, l] of lines.entries()) assert.ok(table[index + 2].includes(l.what) && table[index + 2].includes(`$${l.price.usd}`), l.what);
    const { total, withoutSms } = totals(lines);
    assert.ok(Math.abs(total - withoutSms - lineFor(lines, /SMS/).cost) < 1e-9);
    assert.match(table.at(-2)!, new RegExp(`\\$${Math.round(total)}`));
  });
});
