/**
 * The stack's CfnOutput names, which `cdk deploy --outputs-file` writes and scripts/amplify-outputs-from-stack.ts reads.
 * Apart from stack.ts so that reading them does not load aws-cdk-lib (over a second of start-up for that script).
 */
export const OUTPUT_NAMES = {
  graphqlUrl: 'GraphqlUrl',
  realtimeUrl: 'RealtimeUrl',
  apiKey: 'ApiKey',
  region: 'Region',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  webUrl: 'WebUrl',
} as const;
