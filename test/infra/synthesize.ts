/**
 * Test helper: loads a description, bundles it as the CDK app does, builds the CDK app (with
 * cdk-nag) and synthesizes it once. Synthesis takes seconds, so each test file calls this once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PolicyViolation } from 'aws-cdk-lib';
import { bundleApi, type BundledApi } from '../../description/bundle.js';
import { loadApi, type LoadedApi } from '../../description/load.js';
import { buildWebApp } from '../../description/web.js';
import { buildApp } from '../../infra/build-app.js';
import type { TurnbaseStack } from '../../infra/stack.js';

export interface Synthesized {
  api: LoadedApi;
  bundle: BundledApi;
  app: App;
  stack: TurnbaseStack;
  template: Template;
  /** cdk-nag AwsSolutions findings not acknowledged (should be none). */
  nagViolations: PolicyViolation[];
  cleanup(): void;
}

/**
 * CDK's CloudFormation template validation takes seconds per synthesis, so only the test of the real stack asks for
 * it (`templateValidation: 'strict'`, where a finding fails synthesis); the others check their own subject.
 */
export async function synthesize(descriptionPath: string, options: { retain?: boolean; templateValidation?: 'strict' } = {}): Promise<Synthesized> {
  const workDir = mkdtempSync(join(tmpdir(), 'turnbase-infra-'));
  const cleanup = () => rmSync(workDir, { recursive: true, force: true });
  try {
    const api = await loadApi(descriptionPath);
    // Where the CDK app bundles too (build/<api>), so bundles unchanged since the last run or engine come from the cache.
    const bundle = await bundleApi(api);
    const web = api.description.web;
    const webDir = web ? await buildWebApp(api.root, web, join(workDir, 'web')) : undefined;
    const { app, stack } = buildApp({ api, bundle, webDir, retain: options.retain ?? false, outdir: join(workDir, 'cdk.out'), templateValidation: options.templateValidation ?? false });
    const nagViolations = new AwsSolutionsChecks(app).validateScope(app).violations;
    // With unacknowledged findings synthesis throws, so report them first for a readable failure.
    const template = nagViolations.length === 0 ? Template.fromStack(stack) : Template.fromJSON({});
    return { api, bundle, app, stack, template, nagViolations, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** Synthesized CloudFormation is untyped JSON; the tests walk it freely and assert on its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CfnJson = any;

export interface CfnResourceJson {
  Type: string;
  Properties: CfnJson;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: CfnJson;
}

/** Resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, CfnResourceJson> {
  return template.findResources(type) as Record<string, CfnResourceJson>;
}
