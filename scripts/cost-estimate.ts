/**
 * Prints, as a markdown table, what 1 million moves cost on AWS for the project's API description,
 * for each play profile side by side.
 *   npx tsx scripts/cost-estimate.ts [--api api.ts] [--moves 1000000]
 * The model, its profiles and the assumed unit prices are in infra/cost-model.ts.
 */
import { parseArgs } from 'node:util';
import { loadApi } from '../description/load.js';
import { comparisonTable, estimate, moveFacts, PRICES, PROFILES, writeUnitsPerMove } from '../infra/cost-model.js';

const { values: args } = parseArgs({ options: { api: { type: 'string', default: 'api.ts' }, moves: { type: 'string', default: '1000000' } } });
const moves = Number(args.moves);
if (!Number.isInteger(moves) || moves <= 0) {
  console.error(`--moves must be a positive whole number, got "${args.moves}"`);
  process.exit(1);
}

const api = await loadApi(args.api);
const facts = moveFacts(api.description);
const profiles = PROFILES.map((profile) => ({ ...profile, lines: estimate(facts, profile.assumptions, PRICES, moves) }));
console.log(comparisonTable(profiles, moves));
console.log('');
for (const profile of profiles) {
  const a = profile.assumptions;
  console.log(
    `${profile.name} (${profile.described}): ${Number(writeUnitsPerMove(profile.lines).toFixed(3))} DynamoDB write units per move; ` +
      `a game item of ${a.gameItemBytes.join(', ')} bytes at creation and after each of its ${a.movesPerGame} moves, ` +
      `a ${a.playerItemBytes}-byte player record (both measured by test/infra/item-sizes.test.ts).`,
  );
  console.log('');
}
const [first] = profiles;
console.log(
  `Both: ${first.assumptions.subscribersPerGame} subscribers per game, a move every ${first.assumptions.secondsBetweenMoves} s, a game between two people (rated), ` +
    `${facts.copyIndexes} indexes holding a copy of the game, ${facts.endKeyIndexes} key-only status indexes whose key changes when a game ends ` +
    `and ${facts.publicEndIndexes} whose key a public game's end removes, notify runs ${first.assumptions.notifyMs} ms at ${facts.notifyMemoryMb} MB. ` +
    'Prices are assumed us-east-1 list prices without free tiers; Cognito (billed per monthly active user), storage and backups are not per-move costs and are left out.',
);
