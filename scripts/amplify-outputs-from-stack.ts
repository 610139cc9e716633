/**
 * Writes `amplify_outputs.json` for a deployed stack, the same file `npm start` writes locally.
 *
 *   npx cdk deploy --outputs-file cdk-outputs.json
 *   npx tsx scripts/amplify-outputs-from-stack.ts [--outputs cdk-outputs.json] [--out amplify_outputs.json]
 *                                                 [--stack <name>] [--api api.ts]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadApi } from '../description/load.js';
import { amplifyOutputsFromDeploy } from '../infra/amplify-outputs.js';

const { values: args } = parseArgs({
  options: {
    outputs: { type: 'string', default: 'cdk-outputs.json' },
    out: { type: 'string', default: 'amplify_outputs.json' },
    stack: { type: 'string' },
    api: { type: 'string', default: 'api.ts' },
  },
});

let outputsFile: unknown;
try {
  outputsFile = JSON.parse(readFileSync(args.outputs, 'utf8'));
} catch (error) {
  console.error(`cannot read ${args.outputs}: ${(error as Error).message}\nRun \`npx cdk deploy --outputs-file ${args.outputs}\` first.`);
  process.exit(1);
}

try {
  const api = await loadApi(args.api);
  const outputs = amplifyOutputsFromDeploy(api.description, outputsFile, args.stack);
  writeFileSync(args.out, `${JSON.stringify(outputs, null, 2)}\n`);
  console.log(`wrote ${args.out}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
