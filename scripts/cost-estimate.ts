/**
 * Prints, as a markdown table, what 1 million moves cost on AWS for the project's API description.
 *   npx tsx scripts/cost-estimate.ts [--api api.ts] [--moves 1000000]
 * The model, its assumptions and the assumed unit prices are in infra/cost-model.ts.
 */
import { parseArgs } from 'node:util';
import { loadApi } from '../description/load.js';
import { DEFAULT_ASSUMPTIONS, estimate, markdownTable, moveFacts, PRICES, writeUnitsPerMove } from '../infra/cost-model.js';

const { values: args } = parseArgs({ options: { api: { type: 'string', default: 'api.ts' }, moves: { type: 'string', default: '1000000' } } });
const moves = Number(args.moves);
if (!Number.isInteger(moves) || moves <= 0) {
  console.error(`--moves must be a positive whole number, got "${args.moves}"`);
  process.exit(1);
}

const api = await loadApi(args.api);
const facts = moveFacts(api.description);
const lines = estimate(facts, DEFAULT_ASSUMPTIONS, PRICES, moves);
console.log(markdownTable(lines, moves));
console.log('');
console.log(`DynamoDB write units per move: ${Number(writeUnitsPerMove(lines).toFixed(3))}.`);
console.log('');
console.log(
  `Assumptions: ${DEFAULT_ASSUMPTIONS.subscribersPerGame} subscribers per game, a move every ${DEFAULT_ASSUMPTIONS.secondsBetweenMoves} s, ` +
    `a game item of ${DEFAULT_ASSUMPTIONS.gameItemBytes.join(', ')} bytes at creation and after each move (measured: longest usernames, public, timed), ` +
    `${facts.copyIndexes} indexes holding a copy of it and ${facts.endKeyIndexes} key-only indexes whose key changes when a game ends, ` +
    `a ${DEFAULT_ASSUMPTIONS.playerItemBytes}-byte player record (10 items, two full settled sets), ` +
    `${DEFAULT_ASSUMPTIONS.movesPerGame} moves per game, ` +
    `notify runs ${DEFAULT_ASSUMPTIONS.notifyMs} ms at ${facts.notifyMemoryMb} MB. Prices are assumed us-east-1 list prices without free tiers; ` +
    'Cognito (billed per monthly active user), storage and backups are not per-move costs and are left out.',
);
