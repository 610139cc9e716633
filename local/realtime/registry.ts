/**
 * Every live subscription of the server, indexed by the mutation fields that publish to it and by
 * its own subscription field, so a publication touches only its own listeners.
 */
import type { SubscriptionSpec } from './contract.js';

export interface LiveSubscription {
  readonly id: string;
  readonly spec: SubscriptionSpec;
  /** Sends one serialized frame to the subscriber's socket. */
  send(frame: string): void;
  /** Ends the subscription from the server side: the owner forgets it and tells the client. */
  end(): void;
}

const NONE: ReadonlySet<LiveSubscription> = new Set();

export class SubscriptionRegistry {
  private readonly byMutation = new Map<string, Set<LiveSubscription>>();
  private readonly byField = new Map<string, Set<LiveSubscription>>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  add(subscription: LiveSubscription): void {
    for (const mutation of new Set(subscription.spec.mutations)) addTo(this.byMutation, mutation, subscription);
    addTo(this.byField, subscription.spec.fieldName, subscription);
    this.total += 1;
  }

  remove(subscription: LiveSubscription): void {
    const field = this.byField.get(subscription.spec.fieldName);
    if (!field?.has(subscription)) return;
    for (const mutation of new Set(subscription.spec.mutations)) removeFrom(this.byMutation, mutation, subscription);
    removeFrom(this.byField, subscription.spec.fieldName, subscription);
    this.total -= 1;
  }

  listenersOf(mutationField: string): ReadonlySet<LiveSubscription> {
    return this.byMutation.get(mutationField) ?? NONE;
  }

  subscriptionsOf(subscriptionField: string): ReadonlySet<LiveSubscription> {
    return this.byField.get(subscriptionField) ?? NONE;
  }
}

function addTo(index: Map<string, Set<LiveSubscription>>, key: string, subscription: LiveSubscription): void {
  let bucket = index.get(key);
  if (!bucket) {
    bucket = new Set();
    index.set(key, bucket);
  }
  bucket.add(subscription);
}

function removeFrom(index: Map<string, Set<LiveSubscription>>, key: string, subscription: LiveSubscription): void {
  const bucket = index.get(key);
  if (!bucket) return;
  bucket.delete(subscription);
  if (bucket.size === 0) index.delete(key);
}
