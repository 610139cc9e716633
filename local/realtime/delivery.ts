/**
 * Fan-out of mutation results to subscribers, and forced unsubscription by invalidation.
 * A publication is rendered and serialized once per `renderKey`, however many subscribers share it.
 */
import type { GraphQLErrorEntry, Invalidation, Publication } from './contract.js';
import { frameTooLargeError, internalError } from './errors.js';
import { matchesArgumentFilters, matchesFilter } from './filters.js';
import { dataFrame, errorFrame } from './frames.js';
import type { SubscriptionRegistry } from './registry.js';

export interface DeliveryOptions {
  /** A rendered payload larger than this is replaced by an error frame (AppSync's 240 KB payload limit). */
  maxPayloadBytes: number;
  log: (line: string) => void;
}

export interface DeliveryReport {
  /** Subscriptions listening to the mutation field. */
  listeners: number;
  /** Frames sent (data or error) to subscribers whose filters matched. */
  delivered: number;
  /** Distinct renderings made. */
  renders: number;
}

type Rendering = { payloadJson: string } | { errors: GraphQLErrorEntry[] };

export function deliverPublication(registry: SubscriptionRegistry, publication: Publication, options: DeliveryOptions): DeliveryReport {
  const listeners = registry.listenersOf(publication.mutationField);
  const renderings = new Map<string, Rendering>();
  let delivered = 0;
  for (const subscription of listeners) {
    const { spec } = subscription;
    // An enhanced filter set by the resolver replaces argument filtering: "With enhanced filtering,
    // you write your filters in your resolver and the client filters are not applied" (the AppSync
    // team in aws/aws-appsync-community#89). A resolver that wants an argument applied puts it in its filter.
    if (spec.filter ? !matchesFilter(spec.filter, publication.result) : !matchesArgumentFilters(spec.argumentFilters, publication.result)) continue;
    let rendering = renderings.get(spec.renderKey);
    if (!rendering) {
      rendering = render(publication, subscription.spec.render, options);
      renderings.set(spec.renderKey, rendering);
    }
    subscription.send('payloadJson' in rendering ? dataFrame(subscription.id, rendering.payloadJson) : errorFrame(subscription.id, rendering.errors));
    delivered += 1;
  }
  return { listeners: listeners.size, delivered, renders: renderings.size };
}

function render(publication: Publication, renderResult: (result: unknown) => unknown, options: DeliveryOptions): Rendering {
  let payloadJson: string;
  try {
    payloadJson = JSON.stringify(renderResult(publication.result));
  } catch (error) {
    options.log(`realtime: rendering a ${publication.mutationField} result failed: ${error instanceof Error ? error.message : String(error)}`);
    return { errors: [internalError('The server failed to render this event')] };
  }
  const bytes = Buffer.byteLength(payloadJson);
  if (bytes > options.maxPayloadBytes) return { errors: [frameTooLargeError(bytes, options.maxPayloadBytes)] };
  return { payloadJson };
}

/**
 * Ends every subscription of `subscriptionField` whose invalidation filter matches the payload.
 * Subscriptions that set no invalidation filter are never invalidated. Returns how many ended.
 * AppSync tells the client with a `complete` frame for the subscription ("this completion message",
 * aws-amplify/amplify-js#9898, written when invalidation shipped); [U] the guide's "unsubscribe and
 * close" is read as closing that subscription, so the socket and its other subscriptions stay.
 */
export function invalidateSubscriptions(registry: SubscriptionRegistry, invalidation: Invalidation): number {
  // Copy first: ending a subscription removes it from the set being walked.
  const candidates = [...registry.subscriptionsOf(invalidation.subscriptionField)];
  let ended = 0;
  for (const subscription of candidates) {
    const filter = subscription.spec.invalidationFilter;
    if (filter && matchesFilter(filter, invalidation.payload)) {
      subscription.end();
      ended += 1;
    }
  }
  return ended;
}
