/**
 * Child process of the benchmark: serves either the engine or the baseline, so the load generator
 * does not share the server's event loop. Prints one JSON line with what the parent needs.
 * Usage: tsx bench/serve.ts engine|baseline <dynamodb endpoint> <table prefix>
 *        tsx bench/serve.ts game          (the Nim API, everything embedded, in memory)
 */
import { startEngine } from '../local/index.js';
import { startBaseline } from './baseline.js';

const [kind, dynamodbEndpoint, tablePrefix] = process.argv.slice(2);
const fixture = 'test/fixture-api';

if (kind === 'engine') {
  // Request logs off: the baseline writes none either.
  const engine = await startEngine({ descriptionPath: `${fixture}/api.ts`, port: 0, dataDir: null, dynamodbEndpoint, tablePrefix, requestLog: false, log: () => {} });
  console.log(JSON.stringify({ url: engine.graphqlUrl, headers: { 'x-api-key': engine.apiKey }, booksTable: engine.tableNames.books }));
} else if (kind === 'baseline') {
  const baseline = await startBaseline({ schemaFile: `${fixture}/schema.graphql`, dynamodbEndpoint, booksTable: `${tablePrefix}bookshelf-books` });
  console.log(JSON.stringify({ url: baseline.url, headers: {} }));
} else if (kind === 'game') {
  // As `npm start -- --memory --quiet`.
  const engine = await startEngine({ descriptionPath: 'api.ts', port: 0, dataDir: null, requestLog: false, log: () => {} });
  console.log(JSON.stringify({ graphqlUrl: engine.graphqlUrl, realtimeUrl: engine.realtimeUrl, apiKey: engine.apiKey }));
} else {
  console.error('usage: serve.ts engine|baseline <dynamodb endpoint> <table prefix> | serve.ts game');
  process.exit(2);
}

// A clean exit on SIGINT lets `node --cpu-prof` write its profile when the parent stops this child.
process.on('SIGINT', () => process.exit(0));
