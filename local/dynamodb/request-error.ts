/**
 * A request object the DynamoDB data source cannot translate. It is raised inside the
 * translation code and turned into `{ error: { type, message } }` at the data source's edge,
 * so a resolver sees it the same way it sees a failure reported by DynamoDB itself.
 */
export class RequestError extends Error {
  readonly type: string;

  constructor(message: string, type = 'DynamoDB:ValidationException') {
    super(message);
    this.name = 'RequestError';
    this.type = type;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
