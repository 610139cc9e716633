/** `extensions.*` and `runtime.*`: recorded into the current call for the executor and real-time layer. */
import { currentCall, endHandler } from './call-state.js';

/** AppSync allows at most 5 unique invalidateSubscriptions calls per request [D]. */
export const MAX_INVALIDATIONS = 5;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFilter(filter: unknown, name: string): void {
  if (!isPlainObject(filter) || !Array.isArray(filter.filterGroup)) {
    throw new TypeError(`extensions.${name} expects { filterGroup: [...] }, e.g. from util.transform.toSubscriptionFilter`);
  }
}

export const extensions = {
  setSubscriptionFilter(filter: unknown): void {
    checkFilter(filter, 'setSubscriptionFilter');
    currentCall().extensions.subscriptionFilter = filter;
  },
  setSubscriptionInvalidationFilter(filter: unknown): void {
    checkFilter(filter, 'setSubscriptionInvalidationFilter');
    currentCall().extensions.subscriptionInvalidationFilter = filter;
  },
  invalidateSubscriptions(invalidation: unknown): void {
    if (!isPlainObject(invalidation) || typeof invalidation.subscriptionField !== 'string' || !isPlainObject(invalidation.payload)) {
      throw new TypeError('extensions.invalidateSubscriptions expects { subscriptionField: string, payload: object }');
    }
    const entry = { subscriptionField: invalidation.subscriptionField, payload: invalidation.payload };
    const recorded = currentCall().extensions.invalidations;
    const key = JSON.stringify(entry);
    if (recorded.some((existing) => JSON.stringify(existing) === key)) return;
    if (recorded.length >= MAX_INVALIDATIONS) {
      endHandler({
        kind: 'error',
        error: {
          message: `extensions.invalidateSubscriptions may be called at most ${MAX_INVALIDATIONS} times per request with different arguments`,
          errorType: 'InvalidationLimitExceeded',
          data: null,
          errorInfo: null,
        },
      });
    }
    recorded.push(entry);
  },
  evictFromApiCache(typeName: unknown, fieldName: unknown, keys: unknown): void {
    if (typeof typeName !== 'string' || typeof fieldName !== 'string' || !isPlainObject(keys)) {
      throw new TypeError('extensions.evictFromApiCache expects (typeName: string, fieldName: string, keys: object)');
    }
    currentCall().extensions.evictions.push({ typeName, fieldName, keys });
  },
};

export const runtime = {
  earlyReturn(value?: unknown, options?: { skipTo?: unknown }): never {
    // Without options AppSync moves on: a function's request goes to the next function (reference: utils d.ts).
    const skipTo = options?.skipTo ?? 'NEXT';
    if (skipTo !== 'END' && skipTo !== 'NEXT') {
      throw new TypeError(`runtime.earlyReturn: skipTo must be 'END' or 'NEXT', got ${JSON.stringify(skipTo)}`);
    }
    return endHandler({ kind: 'earlyReturn', value: value === undefined ? null : value, skipTo });
  },
};
