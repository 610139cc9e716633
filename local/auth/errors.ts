/**
 * The error the engine turns into AppSync's 401 response:
 * `{"errors":[{"errorType":"UnauthorizedException","message":...}]}` plus the `x-amzn-ErrorType` header.
 */

/** Messages AppSync is known to send with a 401 (reference §1.3). */
export const AUTH_MESSAGES = {
  notAuthorized: 'You are not authorized to make this call.',
  noHeader: 'Valid authorization header not provided.',
  unparseable: 'Unable to parse JWT token.',
  expired: 'Token has expired.',
} as const;

export class AuthError extends Error {
  readonly errorType = 'UnauthorizedException';
  readonly statusCode = 401;

  /**
   * @param reason what exactly was wrong, for the engine's log only: the caller gets AppSync's
   * deliberately vague message, the developer reading the log needs the cause.
   */
  constructor(
    message: string,
    readonly reason: string = message,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
