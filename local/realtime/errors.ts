/**
 * The `errorType` strings of AppSync's real-time channel (reference §2.2), and builders for the
 * error entries the protocol layer sends itself. The backend uses the same builders for the
 * operation problems it detects while parsing a `start`, so both sides speak one vocabulary.
 */
import type { GraphQLErrorEntry } from './contract.js';

export const RealtimeErrorType = {
  /** Handshake without the `graphql-ws` subprotocol [O]. */
  noProtocol: 'NoProtocolError',
  /** Bad or missing credentials, at connect or at `start` [O]. */
  unauthorized: 'UnauthorizedException',
  /** A frame or handshake parameter the server cannot read. [U] AppSync's exact type was not observed. */
  badRequest: 'BadRequestException',
  /** A query or mutation sent in `start` [O]. */
  unsupportedOperation: 'UnsupportedOperation',
  /**
   * Two operations in one `start` [O], and [U] a `start` reusing an id that is still active: clients
   * in the wild report this very type for re-sent subscription ids, so one type serves both.
   */
  duplicatedOperation: 'DuplicatedOperationError',
  /** More subscriptions on one socket than allowed [O]. */
  maxSubscriptions: 'MaxSubscriptionsReachedError',
  /** A frame or payload over the size limit. [U] AppSync's type for this was not observed. */
  limitExceeded: 'LimitExceededError',
  /** The server failed; not the client's fault. */
  internal: 'InternalFailure',
} as const;

export function unsupportedOperationError(operationType: string): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.unsupportedOperation, message: `${operationType} not supported through the realtime channel` };
}

export function duplicatedOperationError(): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.duplicatedOperation, message: 'A start message must hold exactly one subscription operation' };
}

export function duplicateIdError(id: string): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.duplicatedOperation, message: `Subscription id ${id} is already in use on this connection` };
}

export function maxSubscriptionsError(max: number): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.maxSubscriptions, message: `Max number of ${max} subscriptions reached` };
}

export function badRequestError(message: string): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.badRequest, message };
}

export function frameTooLargeError(bytes: number, limit: number): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.limitExceeded, message: `Message of ${bytes} bytes exceeds the limit of ${limit} bytes` };
}

export function internalError(message = 'The server failed to handle this message'): GraphQLErrorEntry {
  return { errorType: RealtimeErrorType.internal, message };
}
