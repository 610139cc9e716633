/**
 * A data source takes the request object a resolver's `request` handler returned and answers
 * what its `response` handler will see as `ctx.result` and `ctx.error`.
 * It never throws for a failed call: AppSync hands failures to the response handler.
 */
export interface DataSourceOutcome {
  result: unknown;
  error?: { message: string; type: string };
}

export interface InvokeOptions {
  /** The resolver has made two data-source calls already (see dynamodb/urgent-calls.ts); sources that cannot use this ignore it. */
  urgent?: boolean;
}

export interface DataSource {
  /** A source that answers without waiting (NONE) returns the outcome itself: no promise, no deadline timer. */
  invoke(request: unknown, options?: InvokeOptions): Promise<DataSourceOutcome> | DataSourceOutcome;
}
