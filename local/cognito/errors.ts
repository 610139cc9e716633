/**
 * Cognito's error answers: HTTP 400, `{"__type": name, "message": text}` and the `x-amzn-ErrorType` header.
 * Both the AWS SDK and aws-amplify read the error name from that header or `__type`.
 */
export type CognitoErrorName =
  | 'CodeDeliveryFailureException'
  | 'CodeMismatchException'
  | 'InternalErrorException'
  | 'ExpiredCodeException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'NotAuthorizedException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException';

export class CognitoError extends Error {
  constructor(
    readonly errorName: CognitoErrorName,
    message: string,
  ) {
    super(message);
    this.name = errorName;
  }
}

/** The message Cognito gives for a missing or mistyped request member. */
export function validationError(member: string, value: unknown, constraint: string): CognitoError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new CognitoError(
    'InvalidParameterException',
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
