/**
 * A GraphQL request to an AppSync endpoint authorized with AWS_IAM: signed with Signature Version 4
 * (service `appsync`) by the SDK's own signer, with the credentials Lambda gives the function.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { GraphQLResult } from '../../client/request.js';
import type { TypedDocumentString } from '../../client/generated/graphql.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Lambda puts its role's temporary credentials in these variables (the local engine does the same). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): Credentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export async function signedRequest<TResult, TVariables>(
  url: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { region: string; credentials: Credentials },
): Promise<{ status: number; result: GraphQLResult<TResult> }> {
  const endpoint = new URL(url);
  const signer = new SignatureV4({ service: 'appsync', region: options.region, credentials: options.credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port ? Number(endpoint.port) : undefined,
    path: endpoint.pathname,
    query: {},
    headers: { host: endpoint.host, 'content-type': 'application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  // fetch sets Host itself, from the URL: the same value that was signed.
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
  const response = await fetch(url, { method: 'POST', headers, body: signed.body as string });
  return { status: response.status, result: (await response.json()) as GraphQLResult<TResult> };
}
