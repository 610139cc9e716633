/** Cognito's error names, turned into the API's error types. */
import type { AuthError } from './protocol.js';

export type AuthAction = 'register' | 'confirmSignUp' | 'login' | 'refreshSession';

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function fromCognitoError(error: unknown, action: AuthAction): AuthError {
  switch (nameOf(error)) {
    case 'UsernameExistsException':
      return { type: 'UsernameExists', message: 'That username is taken; choose another one.' };
    case 'InvalidPasswordException':
      // Cognito's message names the rule that failed (length, upper case, ...).
      return { type: 'InvalidPassword', message: messageOf(error) };
    case 'InvalidParameterException':
      return { type: 'InvalidInput', message: messageOf(error) };
    case 'UserNotFoundException':
    case 'NotAuthorizedException':
      // Login says the same for an unknown user and a wrong password: no probing for usernames.
      if (action === 'refreshSession') return { type: 'NotAuthorized', message: 'The session has expired or was revoked; log in again.' };
      if (action === 'confirmSignUp') return { type: 'NotAuthorized', message: 'This registration cannot be confirmed.' };
      return { type: 'NotAuthorized', message: 'Incorrect username or password.' };
    case 'UserNotConfirmedException':
      return { type: 'UserNotConfirmed', message: 'Confirm your registration with the code you were sent, then log in.' };
    case 'CodeMismatchException':
      return { type: 'InvalidCode', message: 'That confirmation code is not right.' };
    case 'ExpiredCodeException':
      return { type: 'ExpiredCode', message: 'That confirmation code has expired.' };
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return { type: 'TooManyRequests', message: 'Too many attempts; wait a little and try again.' };
    default:
      console.error(`auth ${action}: unexpected Cognito error`, nameOf(error), messageOf(error));
      return { type: 'InternalFailure', message: 'The sign-in service failed; please try again later.' };
  }
}
