/**
 * The boundary between the WebSocket protocol layer (`local/realtime/`) and the engine that
 * parses, authorizes and runs subscription operations and publishes mutation results.
 */

/** AppSync's enhanced filter JSON: groups are ORed, filters inside a group are ANDed. */
export interface FilterJson {
  filterGroup: Array<{ filters: Array<{ fieldName: string; operator: string; value?: unknown }> }>;
}

export interface GraphQLErrorEntry {
  message: string;
  errorType?: string;
  path?: Array<string | number> | null;
  locations?: Array<{ line: number; column: number; sourceName: null }> | null;
  data?: unknown;
  errorInfo?: unknown;
}

/** A subscription that passed validation, auth and its resolver, ready to receive events. */
export interface SubscriptionSpec {
  /** Schema field, e.g. `onAddBook`. */
  fieldName: string;
  /** Mutation fields (of the Mutation type) that publish to it, from `@aws_subscribe`. */
  mutations: string[];
  /** Non-null top-level arguments; each must equal the published result's field of the same name (unless `filter` is set). */
  argumentFilters: Record<string, unknown>;
  /** Set by `extensions.setSubscriptionFilter` in the resolver; when set, it alone decides (argument filters are not applied). */
  filter?: FilterJson;
  /** Set by `extensions.setSubscriptionInvalidationFilter` in the resolver. */
  invalidationFilter?: FilterJson;
  /**
   * Subscriptions with the same key render a payload identically (same document and variables),
   * so one rendering can be shared among them.
   */
  renderKey: string;
  /** Shapes a published result for this subscriber: `{ data: { <responseKey>: ... }, errors? }`. */
  render(result: unknown): { data: Record<string, unknown> | null; errors?: GraphQLErrorEntry[] };
}

export type SubscribeOutcome = { ok: true; subscription: SubscriptionSpec } | { ok: false; errors: GraphQLErrorEntry[] };

export type ConnectOutcome = { ok: true } | { ok: false; status: 400 | 401; errorType: string; message: string };

/** A mutation field resolved to a non-null value: `result` is already limited to the mutation's selection set. */
export interface Publication {
  mutationField: string;
  result: unknown;
}

/** `extensions.invalidateSubscriptions({ subscriptionField, payload })` from a mutation. */
export interface Invalidation {
  subscriptionField: string;
  payload: Record<string, unknown>;
}

export interface RealtimeBackend {
  /** Checks the auth headers carried by the handshake (`header` query parameter or subprotocol). */
  authorizeConnection(headers: Record<string, string>, sourceIp: string): Promise<ConnectOutcome>;
  /** Validates a `start` payload, authorizes it from its own headers, runs the subscription resolver once. */
  subscribe(input: {
    query: string;
    variables: Record<string, unknown>;
    operationName?: string;
    authorization: Record<string, string>;
    sourceIp: string;
  }): Promise<SubscribeOutcome>;
  /** Registers listeners for mutation results and invalidations; returns an unsubscribe function. */
  onPublish(listener: (publication: Publication) => void): () => void;
  onInvalidate(listener: (invalidation: Invalidation) => void): () => void;
}
