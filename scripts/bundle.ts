/**
 * Bundles every API description of the project (the real one and the test fixtures), as the engine and CDK do,
 * and the local console's browser assets (cached by content, so usually instant).
 */
import { bundleApi, describeBundle } from '../description/bundle.js';
import { loadApi } from '../description/load.js';
import { relative } from 'node:path';
import { consoleAssets } from '../local/console/build.js';

const descriptions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['api.ts', 'test/fixture-api/api.ts'];
for (const path of descriptions) {
  const api = await loadApi(path);
  const bundled = await bundleApi(api);
  console.log(`${api.description.name}: ${describeBundle(api, bundled).length} bundles`);
}
if (process.argv.slice(2).length === 0) console.log(`console: ${relative(process.cwd(), await consoleAssets())}`);
