import type { DataSource } from './contract.js';

/** NONE: the request's `payload` comes back as `ctx.result`, with no call made. */
export function createNoneDataSource(): DataSource {
  return {
    invoke: async (request) => {
      const payload = request !== null && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
      return { result: payload === undefined ? null : JSON.parse(JSON.stringify(payload)) };
    },
  };
}
