// ESLint runs only the APPSYNC_JS rules, which exist only as an ESLint plugin, on the resolver bundles the engine runs
// and CDK deploys (run `npm run bundle` first; `npm run lint` does). The TypeScript sources are linted by oxlint
// (.oxlintrc.json: typescript-eslint's recommended rules), which parses the project in a fraction of a second where
// ESLint's TypeScript parser took about 15 s of CPU.
import appsync from '@aws-appsync/eslint-plugin';

export default [
  { ignores: ['**/node_modules/**', 'cdk.out/**', '**/.turnbase/**', '**/build/**/lambda/**'] },
  {
    files: ['**/build/**/appsync/**/*.js'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      // Some APPSYNC_JS rules need type information; the bundles get a project of their own.
      parserOptions: { project: './tsconfig.bundles.json', tsconfigRootDir: import.meta.dirname },
    },
  },
];
