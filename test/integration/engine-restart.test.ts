/** State lives in the data directory: data, API key, users and signing key all survive a restart. */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand, AdminConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { post, startTestEngine } from '../support/engine.js';

test('a restarted engine keeps its tables, API key, users and token signing key', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'turnbase-restart-'));
  const tablePrefix = 'restart-';
  try {
    const first = await startTestEngine({ dataDir, tablePrefix });
    const pool = first.userPool!;
    const cognito = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await cognito.send(new SignUpCommand({ ClientId: pool.clientId, Username: 'keeper', Password: 'Keepsake1', UserAttributes: [{ Name: 'email', Value: 'keeper@example.com' }] }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.id, Username: 'keeper' }));
    const tokens = await cognito.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'keeper', PASSWORD: 'Keepsake1' } }));
    await post(first.graphqlUrl, { query: 'mutation { addBook(id: "kept", title: "Survivor") { id } }' }, { 'x-api-key': first.apiKey });
    const apiKey = first.apiKey;
    await first.close();

    // Same port as before: the token issuer names it, as a real pool's issuer never changes.
    const second = await startTestEngine({ dataDir, tablePrefix, port: Number(new URL(first.url).port) });
    try {
      assert.equal(second.apiKey, apiKey);
      assert.equal(second.userPool!.id, pool.id);
      const book = await post(second.graphqlUrl, { query: '{ getBook(id: "kept") { title } }' }, { 'x-api-key': apiKey });
      assert.deepEqual(book.body, { data: { getBook: { title: 'Survivor' } } });
      const me = await post(second.graphqlUrl, { query: '{ whoami { username } }' }, { authorization: tokens.AuthenticationResult!.IdToken! });
      assert.deepEqual(me.body, { data: { whoami: { username: 'keeper' } } });
      const refreshed = await cognito.send(
        new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.AuthenticationResult!.RefreshToken! } }),
      );
      assert.ok(refreshed.AuthenticationResult?.AccessToken);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
