/**
 * Builds the description's web app (its `web.build` module writes static files into a folder). The local
 * engine builds it on the first visit; the CDK app builds it before synthesis and uploads the folder.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebAppConfig } from './types.js';

export async function buildWebApp(root: string, web: WebAppConfig, outDir: string): Promise<string> {
  const module = (await import(pathToFileURL(resolve(root, web.build)).href)) as { default?: unknown };
  if (typeof module.default !== 'function') throw new Error(`web.build ${web.build} must export a default function (outDir: string) => Promise<void>`);
  await (module.default as (outDir: string) => Promise<void>)(outDir);
  return outDir;
}
