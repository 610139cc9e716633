/**
 * The conformance harness: serves the engine's HTTP routes on an ephemeral port and talks to its
 * EvaluateCode endpoint with the real @aws-sdk/client-appsync client, as a harness written for AWS would.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AppSyncClient, EvaluateCodeCommand, type EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { createHttpServer, type HttpApp } from '../../local/http/server.js';

export interface ConformanceCase {
  name: string;
  function: 'request' | 'response';
  code: string;
  context: Record<string, unknown>;
  /** The recorded evaluationResult, parsed. */
  expected?: unknown;
  /** The recorded error.message, without AWS's `code.js:line:column: ` prefix. */
  expectedError?: string;
  /** `json-text-any-key-order`: the result is JSON text whose keys AWS does not order. */
  compare?: string;
}

export interface EvaluateCodeHarness {
  client: AppSyncClient;
  evaluate(testCase: Pick<ConformanceCase, 'code' | 'context' | 'function'>): Promise<EvaluateCodeCommandOutput>;
  close(): Promise<void>;
}

/** Only the EvaluateCode route is used, so the rest of the app is never reached. */
function evaluateOnlyApp(): HttpApp {
  return { maxBodyBytes: 1024 * 1024, requestLog: false, verbose: false, log: () => undefined, amplifyOutputs: () => ({}) } as unknown as HttpApp;
}

export async function startHarness(): Promise<EvaluateCodeHarness> {
  const app = evaluateOnlyApp();
  const server: Server = createHttpServer(() => app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new AppSyncClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    client,
    evaluate: (testCase) =>
      client.send(
        new EvaluateCodeCommand({
          code: testCase.code,
          context: JSON.stringify(testCase.context ?? {}),
          function: testCase.function,
          runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
        }),
      ),
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a case produced, in the form its recording has: the parsed result or `{ message }`. */
export function observed(output: EvaluateCodeCommandOutput, compare?: string): unknown {
  if (output.error) return { error: (output.error.message ?? '').replace(/^code\.js:\d+:\d+: /, '') };
  const value: unknown = JSON.parse(output.evaluationResult ?? 'null');
  if (compare === 'json-text-any-key-order' && typeof value === 'string') return JSON.parse(value);
  return value;
}

export function expectedOf(testCase: ConformanceCase): unknown {
  if (testCase.expectedError !== undefined) return { error: testCase.expectedError };
  if (testCase.compare === 'json-text-any-key-order' && typeof testCase.expected === 'string') return JSON.parse(testCase.expected);
  return testCase.expected;
}
