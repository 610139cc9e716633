import { defineApi } from '../../description/types.js';

export default defineApi({
  name: 'bookshelf',
  schema: 'schema.graphql',
  resolversDir: 'resolvers',
  auth: { default: 'AMAZON_COGNITO_USER_POOLS', additional: ['API_KEY'], apiKeyExpiresInDays: 7 },
  userPool: {
    name: 'bookshelf-readers',
    passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false },
    requiredAttributes: ['email'],
    selfSignUp: true,
    client: { name: 'bookshelf-web', authFlows: ['ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] },
  },
  tables: { books: { partitionKey: { name: 'id', type: 'S' } } },
  functions: { shout: { entry: 'functions/shout.ts', environment: { SUFFIX: '!', TABLE: { ref: 'table.name', table: 'books' } } } },
  dataSources: {
    none: { type: 'NONE' },
    books: { type: 'AMAZON_DYNAMODB', table: 'books' },
    shout: { type: 'AWS_LAMBDA', function: 'shout' },
  },
  environment: { GREETING: 'hello', BOOKS_TABLE: { ref: 'table.name', table: 'books' } },
});
