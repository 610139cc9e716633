/** The typed client: documents and result types generated from operations.graphql, and a fetch helper. */
export * from './generated/graphql.js';
export * from './request.js';
