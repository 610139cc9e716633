/**
 * The app's only configuration is amplify_outputs.json, fetched from its own origin at start-up: the
 * local engine serves one for itself, the CDK deployment uploads one made from the stack's values, so
 * replacing that file is all it takes to point the same build elsewhere.
 */
import { Amplify } from 'aws-amplify';
import { loopbackWebSocket } from '../../local/client/websocket.js';

export interface PasswordPolicy {
  min_length?: number;
  require_lowercase?: boolean;
  require_uppercase?: boolean;
  require_numbers?: boolean;
  require_symbols?: boolean;
}

export interface Outputs {
  data: { url: string; api_key?: string };
  auth?: { password_policy?: PasswordPolicy };
  /** Written by the local engine only: where its Cognito stand-in listens. */
  custom?: { user_pool_endpoint?: string };
}

export async function configure(): Promise<Outputs> {
  const response = await fetch('/amplify_outputs.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`amplify_outputs.json could not be loaded (HTTP ${response.status}).`);
  const outputs = (await response.json()) as Outputs;
  // aws-amplify always opens wss://; the local engine serves ws:// on loopback. Other hosts are untouched.
  globalThis.WebSocket = loopbackWebSocket(globalThis.WebSocket) as typeof WebSocket;
  Amplify.configure(outputs as Parameters<typeof Amplify.configure>[0]);
  const endpoint = outputs.custom?.user_pool_endpoint;
  if (endpoint) {
    const config = Amplify.getConfig();
    const cognito = config.Auth?.Cognito;
    if (cognito) Amplify.configure({ ...config, Auth: { Cognito: { ...cognito, userPoolEndpoint: endpoint } } } as Parameters<typeof Amplify.configure>[0]);
  }
  return outputs;
}
