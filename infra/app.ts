/**
 * CDK app entry (`cdk.json` → `npx tsx infra/app.ts`): loads and bundles the project's API
 * description exactly as the local engine does, then deploys that.
 *   npx cdk synth                   dev stack: tables and pool are destroyed with the stack
 *   npx cdk deploy -c retain=true   keep tables and pool, with deletion protection
 */
import { join } from 'node:path';
import { bundleApi } from '../description/bundle.js';
import { loadApi } from '../description/load.js';
import { buildWebApp } from '../description/web.js';

const descriptionPath = process.env.TURNBASE_API ?? 'api.ts';
const api = await loadApi(descriptionPath);
const bundle = await bundleApi(api);
const web = api.description.web;
const webDir = web ? await buildWebApp(api.root, web, join(api.root, 'build', 'web')) : undefined;
// aws-cdk-lib is loaded once the description has loaded and bundled: a mistake in it is reported in a second, not three.
const { buildApp } = await import('./build-app.js');
const { app } = buildApp({ api, bundle, webDir });
app.synth();
