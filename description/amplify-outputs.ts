/**
 * `amplify_outputs.json` (aws-amplify Gen 2 format), written by the local engine and by the
 * deploy script alike, so an app points at local or cloud by swapping one file.
 */
import type { ApiDescription, AuthMode } from './types.js';

export interface DeployedValues {
  region: string;
  graphqlUrl: string;
  apiKey?: string;
  userPoolId?: string;
  userPoolClientId?: string;
  /** A user pool endpoint other than AWS's (the local engine's Cognito stand-in), in `custom.user_pool_endpoint`. */
  userPoolEndpoint?: string;
}

const attributeNames: Record<string, string> = { phone_number: 'phone_number', email: 'email' };

export function amplifyOutputs(description: ApiDescription, values: DeployedValues): Record<string, unknown> {
  const modes: AuthMode[] = [description.auth.default, ...(description.auth.additional ?? [])];
  const outputs: Record<string, unknown> = {
    version: '1.4',
    data: {
      aws_region: values.region,
      url: values.graphqlUrl,
      ...(values.apiKey ? { api_key: values.apiKey } : {}),
      default_authorization_type: description.auth.default,
      authorization_types: modes.filter((m) => m !== description.auth.default),
    },
  };
  const pool = description.userPool;
  if (pool && values.userPoolId && values.userPoolClientId) {
    outputs.auth = {
      aws_region: values.region,
      user_pool_id: values.userPoolId,
      user_pool_client_id: values.userPoolClientId,
      password_policy: {
        min_length: pool.passwordPolicy.minLength,
        require_lowercase: pool.passwordPolicy.requireLowercase,
        require_uppercase: pool.passwordPolicy.requireUppercase,
        require_numbers: pool.passwordPolicy.requireNumbers,
        require_symbols: pool.passwordPolicy.requireSymbols,
      },
      standard_required_attributes: pool.requiredAttributes.map((a) => attributeNames[a] ?? a),
      username_attributes: [],
      user_verification_types: pool.autoVerify ?? [],
      unauthenticated_identities_enabled: false,
      mfa_configuration: 'NONE',
      mfa_methods: [],
    };
  }
  // The Gen 2 format has no field for a custom Cognito endpoint; apps read it from `custom`.
  if (values.userPoolEndpoint) outputs.custom = { user_pool_endpoint: values.userPoolEndpoint };
  return outputs;
}
