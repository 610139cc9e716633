import { defineConfig } from 'vitest/config';

// Every *.test.ts in the project. Each file runs in its own worker process, so files whose engines each
// take their own ephemeral port and temporary data directory run in parallel.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'build/**', 'cdk.out/**', '.turnbase/**'],
    pool: 'forks',
    // Engines, DynamoDB stand-ins and browsers start inside tests; node's runner had no time limit at all.
    testTimeout: 60_000,
    // Hooks synthesize CDK stacks and start engines; a loaded 2-core machine needs minutes for some of them.
    hookTimeout: 180_000,
    env: {
      // package-lock pins the AWS SDK, so its notice about future Node versions is only noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    coverage: {
      provider: 'v8',
      include: ['local/**', 'description/**', 'functions/**', 'game/**', 'resolvers/**', 'infra/**', 'scripts/**'],
      exclude: ['**/*.test.ts', '**/_generated/**'],
      reporter: ['text-summary', 'text'],
    },
  },
});
