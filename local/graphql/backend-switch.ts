/**
 * The real-time server's backend, pointed at whichever executor serves the API now. When the API is
 * swapped in place (`npm run dev`), open connections stay open: new subscriptions and mutations use the
 * new executor, and its publications reach every subscriber, old ones included.
 */
import type { Invalidation, Publication, RealtimeBackend } from '../realtime/contract.js';
import type { Executor } from './executor.js';
import { createRealtimeBackend } from './subscriptions.js';

export interface BackendSwitch {
  backend: RealtimeBackend;
  use(executor: Executor): void;
}

export function createBackendSwitch(executor: Executor): BackendSwitch {
  const publishListeners = new Set<(p: Publication) => void>();
  const invalidateListeners = new Set<(i: Invalidation) => void>();
  let current: RealtimeBackend;
  let detach: Array<() => void> = [];
  const use = (next: Executor) => {
    for (const stop of detach) stop();
    current = createRealtimeBackend(next);
    detach = [
      current.onPublish((publication) => {
        for (const listener of publishListeners) listener(publication);
      }),
      current.onInvalidate((invalidation) => {
        for (const listener of invalidateListeners) listener(invalidation);
      }),
    ];
  };
  use(executor);
  return {
    backend: {
      authorizeConnection: (headers, sourceIp) => current.authorizeConnection(headers, sourceIp),
      subscribe: (input) => current.subscribe(input),
      onPublish(listener) {
        publishListeners.add(listener);
        return () => publishListeners.delete(listener);
      },
      onInvalidate(listener) {
        invalidateListeners.add(listener);
        return () => invalidateListeners.delete(listener);
      },
    },
    use,
  };
}
