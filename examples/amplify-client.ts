/**
 * An aws-amplify v6 app against turnbase: the README's snippet as a program, so `npm test` type-checks it
 * and runs it against a real engine (test/e2e/amplify-example.test.ts).
 *
 *   npm start                                            # in another terminal
 *   npx tsx examples/amplify-client.ts USERNAME PASSWORD [path/to/amplify_outputs.json]
 *
 * It signs in, prints the player's profile, subscribes to game invites over the real-time endpoint, says
 * when the subscription is live, then prints the next invite and exits. The same program reaches a deployed
 * API when the outputs file is the stack's (`npm run amplify-outputs`): nothing in it is specific to the
 * local engine.
 */
import { readFileSync } from 'node:fs';
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { MeDocument, OnInviteDocument, type MeQuery, type OnInviteSubscription } from '../client/index.js';

// README:begin
import { Amplify } from 'aws-amplify';
import { signIn } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/api';
import { loopbackWebSocket } from '../local/client/websocket.js'; // copy this 20-line file into your app
import WebSocket from 'ws'; // in Node; a browser has its own
// README:end

const [username, password, outputsFile = 'amplify_outputs.json'] = process.argv.slice(2);
if (!username || !password) {
  console.error('usage: npx tsx examples/amplify-client.ts USERNAME PASSWORD [amplify_outputs.json]');
  process.exit(2);
}

// README:begin
type AmplifyConfig = Parameters<typeof Amplify.configure>[0];
const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyConfig & { custom?: { user_pool_endpoint?: string } };

// aws-amplify always opens wss://, even for an http:// endpoint; the local engine serves ws:// on loopback.
(globalThis as { WebSocket?: unknown }).WebSocket = loopbackWebSocket(WebSocket); // browser: loopbackWebSocket(globalThis.WebSocket)

Amplify.configure(outputs);
// Locally, Cognito is the engine's stand-in: amplify_outputs.json names its endpoint (absent on AWS).
const userPoolEndpoint = outputs.custom?.user_pool_endpoint;
const { Auth, ...config } = Amplify.getConfig();
if (userPoolEndpoint && Auth?.Cognito) Amplify.configure({ ...config, Auth: { Cognito: { ...Auth.Cognito, userPoolEndpoint } } } as AmplifyConfig);

await signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
const client = generateClient({ authMode: 'userPool' });
// README:end

const me = (await client.graphql({ query: MeDocument.toString() })) as { data: MeQuery };
console.log(JSON.stringify({ me: me.data.me }));

// The subscription is live once the endpoint acknowledges it (start_ack), which Amplify reports as the connection
// state becoming Connected; an invite sent before then would not reach this app.
const stopListening = Hub.listen('api', ({ payload }) => {
  const data = payload.data as { connectionState?: ConnectionState } | undefined;
  if (payload.event === CONNECTION_STATE_CHANGE && data?.connectionState === ConnectionState.Connected) {
    stopListening();
    console.log(JSON.stringify({ listening: 'onInvite' }));
  }
});

const invites = client.graphql({ query: OnInviteDocument.toString() }) as unknown as {
  subscribe(observer: { next(value: { data: OnInviteSubscription }): void; error(error: unknown): void }): { unsubscribe(): void };
};
const subscription = invites.subscribe({
  next: ({ data }) => {
    console.log(JSON.stringify({ invite: data.onInvite }));
    subscription.unsubscribe();
    process.exit(0);
  },
  error: (error) => {
    console.error(JSON.stringify({ error: error instanceof Error ? error.message : error }));
    process.exit(1);
  },
});
