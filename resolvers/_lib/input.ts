/**
 * Arguments checked where they enter, before any data source sees them: a malformed or oversized
 * value is the client's mistake (InvalidInput, with a message a person understands), never an
 * InternalFailure from a key DynamoDB refuses. Lengths are checked before patterns so a huge value
 * costs nothing to refuse.
 */
import { util } from '@aws-appsync/utils';
import { fail, type ApiErrorType } from './errors.js';

// The same rule the auth function applies at registration (functions/auth/validate.ts); plain
// letters only, so no control or bidirectional-override character can be part of a username.
const USERNAME_PATTERN = '^[A-Za-z0-9_.-]{3,32}$';
// Game ids are ULIDs: 26 characters of Crockford base32.
const GAME_ID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';

/**
 * A username argument (opponent, getUser); `label` names it in the message. `errorType` lets a field
 * that looks a player up say UserNotFound: no player can have such a name.
 */
export function checkUsername(value: string, label: string, errorType: ApiErrorType = 'InvalidInput'): string {
  if (typeof value !== 'string' || value.length > 32 || !util.matches(USERNAME_PATTERN, value)) {
    return fail(errorType, `No player has that ${label}: a username is 3 to 32 letters, digits, dots, dashes or underscores.`);
  }
  return value;
}

/** A gameId argument. */
export function checkGameId(value: string): string {
  if (typeof value !== 'string' || value.length !== 26 || !util.matches(GAME_ID_PATTERN, value)) {
    return fail('InvalidInput', 'gameId must be a game id as the API gave it out (26 letters and digits).');
  }
  return value;
}
