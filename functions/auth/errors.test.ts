import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fromCognitoError } from './errors.js';

function cognitoError(name: string, message = 'from Cognito'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

test("Cognito's error names become the API's error types", () => {
  const cases: Array<[string, string]> = [
    ['UsernameExistsException', 'UsernameExists'],
    ['InvalidPasswordException', 'InvalidPassword'],
    ['InvalidParameterException', 'InvalidInput'],
    ['NotAuthorizedException', 'NotAuthorized'],
    ['UserNotConfirmedException', 'UserNotConfirmed'],
    ['CodeMismatchException', 'InvalidCode'],
    ['ExpiredCodeException', 'ExpiredCode'],
    ['TooManyRequestsException', 'TooManyRequests'],
    ['LimitExceededException', 'TooManyRequests'],
    ['InternalErrorException', 'InternalFailure'],
  ];
  for (const [name, type] of cases) assert.equal(fromCognitoError(cognitoError(name), 'register').type, type, name);
});

test('login answers an unknown user exactly like a wrong password', () => {
  const unknown = fromCognitoError(cognitoError('UserNotFoundException', 'User does not exist.'), 'login');
  const wrong = fromCognitoError(cognitoError('NotAuthorizedException', 'Incorrect username or password.'), 'login');
  assert.deepEqual(unknown, wrong);
  assert.equal(unknown.type, 'NotAuthorized');
});

test('unexpected failures give no internals away', () => {
  const answer = fromCognitoError(cognitoError('InternalErrorException', 'stack trace at line 42'), 'login');
  assert.doesNotMatch(answer.message, /line 42/);
});
