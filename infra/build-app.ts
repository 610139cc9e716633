/**
 * Builds the CDK app around one stack, with the cdk-nag AwsSolutions checks and the suppressions
 * whose reasons hold for the whole stack. Shared by `infra/app.ts` and the tests.
 */
import { App, Validations } from 'aws-cdk-lib';
import { VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { BundledApi } from '../description/bundle.js';
import type { LoadedApi } from '../description/load.js';
import { TurnbaseStack } from './stack.js';

export interface BuildAppOptions {
  api: LoadedApi;
  bundle: BundledApi;
  retain?: boolean;
  stackName?: string;
  /** The built web app, when the description declares one. */
  webDir?: string;
  /** Where synthesis writes; defaults to what the CDK CLI asks for (`cdk.out`). */
  outdir?: string;
  /**
   * CDK's built-in CloudFormation template validation. On by default, as in any CDK app, with its findings
   * reported as warnings; 'strict' makes a finding fail synthesis; false skips it, for tests that check
   * something else (it takes seconds per synthesis).
   */
  templateValidation?: boolean | 'strict';
}

/** The stack name CloudFormation accepts for a description name. */
export function defaultStackName(apiName: string): string {
  const name = apiName.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '');
  return name.length > 0 ? name : 'turnbase';
}

/** `-c retain=true` arrives as a string from the CLI, as a boolean from cdk.json. */
export function parseRetain(value: unknown): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new Error(`context "retain" must be true or false, got ${JSON.stringify(value)}`);
}

export function buildApp(options: BuildAppOptions): { app: App; stack: TurnbaseStack } {
  const validation = options.templateValidation ?? true;
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: validation !== false,
    ...(validation === 'strict' ? { context: { [VALIDATE_AGAINST_DEFAULT_RULES]: true } } : {}),
  });
  const retain = options.retain ?? parseRetain(app.node.tryGetContext('retain'));
  const stackName = options.stackName ?? (app.node.tryGetContext('stackName') as string | undefined) ?? defaultStackName(options.api.description.name);
  // No `env`: the stack is environment-agnostic, so synthesis needs no account and no network.
  const stack = new TurnbaseStack(app, stackName, {
    api: options.api,
    bundle: options.bundle,
    retain,
    webDir: options.webDir,
    description: `${options.api.description.name}: AppSync API with DynamoDB, Cognito, Lambda and SNS`,
  });
  // cdk-nag 3 runs as a CDK validation plugin (its v2 form was `Aspects.of(app).add(...)`).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  return { app, stack };
}
