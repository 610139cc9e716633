import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Every *.test.ts in the project. Files run in parallel worker processes; each engine takes its own ephemeral
// port and temporary data directory, so files never share state through the engine.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'build/**', 'cdk.out/**', '.turnbase/**'],
    pool: 'forks',
    // Child processes a test file started and left running (a timed-out test skips its own cleanup) are killed after it.
    setupFiles: ['test/support/stop-leftovers.ts'],
    // A worker keeps its loaded modules from one file to the next instead of starting a fresh process per
    // file: loading the engine, the AWS SDK and graphql again for each of ~80 files was a quarter of the CPU
    // time of the whole run. No test mocks modules or leaves globals behind, which is what isolation guards.
    isolate: false,
    // Most files spend their time waiting on engines, child processes and browsers rather than computing,
    // so one worker per core (vitest's default leaves one core idle) keeps both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    // Engines, DynamoDB stand-ins and browsers start inside tests; node's runner had no time limit at all.
    testTimeout: 60_000,
    // Hooks synthesize CDK stacks and start engines; a loaded 2-core machine needs minutes for some of them.
    hookTimeout: 180_000,
    env: {
      // package-lock pins the AWS SDK, so its notice about future Node versions is only noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // The Cognito stand-in's scrypt at a test cost: the suite signs up and signs in hundreds of players, and at the
      // interactive-login cost each one is ~50 ms of CPU (local/cognito/passwords.ts). Engines spawned by tests inherit it.
      TURNBASE_PASSWORD_HASH_COST: '1024',
    },
    coverage: {
      provider: 'v8',
      include: ['local/**', 'description/**', 'functions/**', 'game/**', 'resolvers/**', 'infra/**', 'scripts/**'],
      exclude: ['**/*.test.ts', '**/_generated/**'],
      reporter: ['text-summary', 'text'],
    },
  },
});
