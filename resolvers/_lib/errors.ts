/**
 * The API's error types: each refusal a player can meet has its own `errorType`, so clients can
 * react to it without parsing messages. Messages are written for people.
 */
import { util } from '@aws-appsync/utils';

export type ApiErrorType =
  | 'NotYourTurn'
  | 'NotAPlayer'
  | 'GameOver'
  | 'GameNotOver'
  | 'InvalidMove'
  | 'InvalidGame'
  | 'GameNotFound'
  | 'GameChanged'
  | 'GameTooOld'
  | 'DeadlineNotReached'
  | 'UserNotFound'
  | 'InventoryFull'
  | 'UsernameExists'
  | 'InvalidPassword'
  | 'InvalidInput'
  | 'InvalidCode'
  | 'ExpiredCode'
  | 'NotAuthorized'
  | 'UserNotConfirmed'
  | 'TooManyRequests'
  | 'InternalFailure';

/** Ends the handler with an error the client sees as `errorType`. */
export function fail(type: ApiErrorType, message: string): never {
  return util.error(message, type);
}
