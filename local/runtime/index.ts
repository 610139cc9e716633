/** The APPSYNC_JS runtime of the local engine. */
export { compileBundle } from './sandbox.js';
export type * from './contract.js';
