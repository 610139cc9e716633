import { copyJson } from '../runtime/json-copy.js';
import type { DataSource } from './contract.js';

/** NONE: the request's `payload` comes back as `ctx.result` (a JSON copy), with no call made and nothing to wait for. */
export function createNoneDataSource(): DataSource {
  return {
    invoke: (request) => {
      const payload = request !== null && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
      return { result: payload === undefined ? null : copyJson(payload) };
    },
  };
}
