/**
 * One player's app: aws-amplify v6 in its own process (Amplify is a per-process singleton, and a game
 * needs two signed-in players at once), configured from the engine's amplify_outputs.json plus
 * `Auth.Cognito.userPoolEndpoint`. The test drives it over IPC:
 *   → { id, op: 'signIn' | 'graphql' | 'subscribe' | 'unsubscribe', ... }   ← { id, ok, result | error }
 *   ← { event: 'next' | 'error', name, value } for subscription traffic
 */
import { Amplify } from 'aws-amplify';
import { Hub } from 'aws-amplify/utils';
import { signIn } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/api';
import WebSocket from 'ws';
import { loopbackWebSocket } from '../../local/client/websocket.js';

(globalThis as { WebSocket?: unknown }).WebSocket = loopbackWebSocket(WebSocket);

const outputs = JSON.parse(process.env.AMPLIFY_OUTPUTS ?? '{}') as Parameters<typeof Amplify.configure>[0];
Amplify.configure(outputs);
const config = Amplify.getConfig();
const cognito = config.Auth?.Cognito as unknown as Record<string, unknown>;
Amplify.configure({ ...config, Auth: { Cognito: { ...cognito, userPoolEndpoint: process.env.USER_POOL_ENDPOINT } } } as Parameters<typeof Amplify.configure>[0]);

const client = generateClient({ authMode: 'userPool' });
const subscriptions = new Map<string, { unsubscribe(): void }>();

/**
 * Amplify announces each `start_ack` on the Hub; a subscribe command completes only then. The test
 * awaits each subscribe before the next, so at most one acknowledgement is pending.
 */
let pendingAck: (() => void) | undefined;
Hub.listen('api', ({ payload }) => {
  if (payload.event !== 'Subscription ack') return;
  pendingAck?.();
  pendingAck = undefined;
});

type Command =
  | { id: number; op: 'signIn'; username: string; password: string }
  | { id: number; op: 'graphql'; query: string; variables?: Record<string, unknown> }
  | { id: number; op: 'subscribe'; name: string; query: string; variables?: Record<string, unknown> }
  | { id: number; op: 'unsubscribe'; name: string };

const send = (message: unknown) => process.send?.(message);
const describeError = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message } : error);

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'signIn':
      return signIn({ username: command.username, password: command.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    case 'graphql':
      return client.graphql({ query: command.query, variables: command.variables });
    case 'subscribe': {
      const acknowledged = new Promise<void>((resolve) => (pendingAck = resolve));
      let failed: (error: unknown) => void = () => {};
      const failure = new Promise<never>((_, reject) => (failed = reject));
      const observable = client.graphql({ query: command.query, variables: command.variables }) as unknown as {
        subscribe(o: { next(v: unknown): void; error(e: unknown): void }): { unsubscribe(): void };
      };
      subscriptions.set(
        command.name,
        observable.subscribe({
          next: (value) => send({ event: 'next', name: command.name, value }),
          error: (error) => {
            send({ event: 'error', name: command.name, value: describeError(error) });
            failed(error);
          },
        }),
      );
      await Promise.race([acknowledged, failure]);
      return null;
    }
    case 'unsubscribe':
      subscriptions.get(command.name)?.unsubscribe();
      subscriptions.delete(command.name);
      return null;
  }
}

process.on('message', (command: Command) => {
  run(command).then(
    (result) => send({ id: command.id, ok: true, result }),
    (error: unknown) => send({ id: command.id, ok: false, error: describeError(error) }),
  );
});
send({ ready: true });
