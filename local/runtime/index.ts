/** The APPSYNC_JS runtime of the local engine. */
export { compileBundle, setIsolation, type Isolation } from './sandbox.js';
export type * from './contract.js';
export { setRuntimeClock } from './host-capabilities.js';
