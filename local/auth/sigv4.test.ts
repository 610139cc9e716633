/** The engine's SigV4 verifier against signatures made by the AWS SDK's own signer. */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSigV4Verifier, type IamCredentials, type SignedRequest } from './sigv4.js';

const credentials: IamCredentials = { accessKeyId: 'ASIATESTTESTTESTTEST', secretAccessKey: 'c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0IHNl', userArn: 'arn:aws:sts::000000000000:assumed-role/x/local', accountId: '000000000000' };
const signedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const verifier = createSigV4Verifier({ region: 'eu-west-1', service: 'appsync', credentials: () => [credentials], now: () => signedAt.getTime() + 60_000 });

async function sign(body: string, options: { region?: string; service?: string; secret?: string; query?: Record<string, string> } = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: options.service ?? 'appsync',
    region: options.region ?? 'eu-west-1',
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: options.secret ?? credentials.secretAccessKey },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4600, path: '/graphql', query: options.query ?? {}, headers: { host: '127.0.0.1:4600', 'content-type': 'application/json' }, body },
    { signingDate: signedAt },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const query = new URLSearchParams(options.query ?? {}).toString();
  return { method: 'POST', path: '/graphql', query, headers, body };
}

function reasonOf(request: SignedRequest): string {
  try {
    verifier.verify(request, ['127.0.0.1']);
    return 'accepted';
  } catch (error) {
    return (error as { reason: string }).reason;
  }
}

test('a request signed by the SDK with a known key is accepted, with an IAM identity', async () => {
  const request = await sign('{"query":"{ a }"}', { query: { b: 'x y', a: '1' } });
  const identity = verifier.verify(request, ['127.0.0.1']);
  assert.equal(identity.userArn, credentials.userArn);
  assert.equal(identity.accountId, '000000000000');
  assert.deepEqual(identity.sourceIp, ['127.0.0.1']);
});

test('a body, header or query changed after signing is refused', async () => {
  const request = await sign('{"query":"{ a }"}');
  assert.match(reasonOf({ ...request, body: '{"query":"{ b }"}' }), /x-amz-content-sha256 does not match the body/);
  const { 'x-amz-content-sha256': _hash, ...withoutHash } = request.headers;
  assert.match(reasonOf({ ...request, headers: withoutHash, body: '{"query":"{ b }"}' }), /signed header x-amz-content-sha256 is not in the request|signature does not match/);
  assert.match(reasonOf({ ...request, headers: { ...request.headers, 'content-type': 'text/plain' } }), /signature does not match/);
  assert.match(reasonOf({ ...request, query: 'extra=1' }), /signature does not match/);
  assert.match(reasonOf({ ...request, method: 'GET' }), /signature does not match/);
});

test('a wrong secret, an unknown key, another region or service, and an old signature are refused', async () => {
  assert.match(reasonOf(await sign('{}', { secret: 'wrong' })), /signature does not match/);
  assert.match(reasonOf(await sign('{}', { region: 'us-east-1' })), /credential scope/);
  assert.match(reasonOf(await sign('{}', { service: 'execute-api' })), /credential scope/);
  const request = await sign('{}');
  assert.match(reasonOf({ ...request, headers: { ...request.headers, authorization: request.headers.authorization!.replace(credentials.accessKeyId, 'ASIAOTHEROTHEROTHER0') } }), /unknown access key/);
  const late = createSigV4Verifier({ region: 'eu-west-1', service: 'appsync', credentials: () => [credentials], now: () => signedAt.getTime() + 16 * 60_000 });
  assert.throws(() => late.verify(request, []), /Signature expired/);
  assert.match(reasonOf({ ...request, headers: { ...request.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' } }), /malformed/);
});
