// Lint: TypeScript everywhere, and the APPSYNC_JS rules on the resolver bundles the engine runs and CDK deploys
// (run `npm run bundle` first; `npm run lint` does).
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'cdk.out/**', '**/.turnbase/**', '**/build/**/lambda/**', 'resolvers/_generated/**', 'client/generated/**'] },
  { files: ['**/*.ts', '**/*.tsx'], extends: [tseslint.configs.recommended] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/build/**/appsync/**/*.js'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      // Some APPSYNC_JS rules need type information; the bundles get a project of their own.
      parserOptions: { project: './tsconfig.bundles.json', tsconfigRootDir: import.meta.dirname },
    },
  },
);
