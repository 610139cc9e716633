/** SNS errors: HTTP status, the `<Type>` (Sender for the caller's fault) and the query-protocol `<Code>`. */
export class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export function invalidParameter(message: string): SnsError {
  return new SnsError('InvalidParameter', `Invalid parameter: ${message}`);
}
