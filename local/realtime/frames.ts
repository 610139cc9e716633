/** Server-to-client frames of AppSync's real-time protocol (reference §2.2), serialized to JSON text. */
import type { GraphQLErrorEntry } from './contract.js';

export function connectionAckFrame(connectionTimeoutMs: number): string {
  return JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs } });
}

export const KEEP_ALIVE_FRAME = '{"type":"ka"}';

export function connectionErrorFrame(errorType: string, message: string, errorCode: number): string {
  return JSON.stringify({ type: 'connection_error', payload: { errors: [{ errorType, message, errorCode }] } });
}

export function startAckFrame(id: string): string {
  return JSON.stringify({ id, type: 'start_ack' });
}

/** AppSync sometimes sends `error` without an id [O]: we do so when the offending frame had no usable id. */
export function errorFrame(id: string | undefined, errors: GraphQLErrorEntry[]): string {
  return JSON.stringify(id === undefined ? { type: 'error', payload: { errors } } : { id, type: 'error', payload: { errors } });
}

/** Builds a `data` frame around an already-serialized payload, so one rendering serves many subscribers. */
export function dataFrame(id: string, payloadJson: string): string {
  return `{"id":${JSON.stringify(id)},"type":"data","payload":${payloadJson}}`;
}

export function completeFrame(id: string): string {
  return JSON.stringify({ id, type: 'complete' });
}
