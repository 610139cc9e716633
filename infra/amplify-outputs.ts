/**
 * Turns what `cdk deploy --outputs-file` writes into `amplify_outputs.json`. The file format itself
 * is built by `description/amplify-outputs.ts`, the same function the local engine uses, so a
 * deployed API and a local one produce the same shape from the same description.
 */
import { amplifyOutputs, type DeployedValues } from '../description/amplify-outputs.js';
import type { ApiDescription } from '../description/types.js';
import { OUTPUT_NAMES } from './output-names.js';

/** The outputs of one stack from a `--outputs-file` JSON (`{ "<stack>": { "<output>": "<value>" } }`). */
export function stackOutputs(outputsFile: unknown, stackName?: string): Record<string, string> {
  if (typeof outputsFile !== 'object' || outputsFile === null || Array.isArray(outputsFile)) {
    throw new Error('the outputs file must be a JSON object keyed by stack name, as `cdk deploy --outputs-file` writes it');
  }
  const stacks = outputsFile as Record<string, unknown>;
  const names = Object.keys(stacks);
  const chosen = stackName ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) throw new Error(`the outputs file holds ${names.length} stacks (${names.join(', ') || 'none'}); name one with --stack`);
  const outputs = stacks[chosen];
  if (typeof outputs !== 'object' || outputs === null) throw new Error(`the outputs file has no stack "${chosen}" (it has: ${names.join(', ') || 'none'})`);
  return outputs as Record<string, string>;
}

/** Reads the stack's CfnOutputs (names from `OUTPUT_NAMES`) into the values the file needs. */
export function deployedValues(outputs: Record<string, string>): DeployedValues {
  const required = (key: keyof typeof OUTPUT_NAMES): string => {
    const value = outputs[OUTPUT_NAMES[key]];
    if (typeof value !== 'string' || value.length === 0) throw new Error(`the stack outputs have no ${OUTPUT_NAMES[key]}; was the stack deployed from this project?`);
    return value;
  };
  const optional = (key: keyof typeof OUTPUT_NAMES): string | undefined => {
    const value = outputs[OUTPUT_NAMES[key]];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  return {
    region: required('region'),
    graphqlUrl: required('graphqlUrl'),
    apiKey: optional('apiKey'),
    userPoolId: optional('userPoolId'),
    userPoolClientId: optional('userPoolClientId'),
  };
}

export function amplifyOutputsFromDeploy(description: ApiDescription, outputsFile: unknown, stackName?: string): Record<string, unknown> {
  return amplifyOutputs(description, deployedValues(stackOutputs(outputsFile, stackName)));
}
