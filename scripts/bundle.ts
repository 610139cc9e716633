/** Bundles every API description of the project (the real one and the test fixtures), as the engine and CDK do. */
import { bundleApi, describeBundle } from '../description/bundle.js';
import { loadApi } from '../description/load.js';

const descriptions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['api.ts', 'test/fixture-api/api.ts'];
for (const path of descriptions) {
  const api = await loadApi(path);
  const bundled = await bundleApi(api);
  console.log(`${api.description.name}: ${describeBundle(api, bundled).length} bundles`);
}
