/**
 * Pagination tokens. AppSync's nextToken is opaque to clients; here it is base64 of a small JSON
 * envelope holding DynamoDB's LastEvaluatedKey, tagged so a token from elsewhere is recognised as foreign.
 */
import { RequestError, isPlainObject } from './request-error.js';
import { JsonBytes, type SdkItem } from './attributes.js';

const tag = 'turnbase.dynamodb.v1';

export function encodeNextToken(lastEvaluatedKey: SdkItem | undefined): string | null {
  if (lastEvaluatedKey === undefined || Object.keys(lastEvaluatedKey).length === 0) return null;
  // Binary key parts are bytes; JSON cannot hold them, so they travel as base64 with a marker.
  // The holder's own value, not `value`: bytes that turn themselves into text (JsonBytes) still get the marker.
  const key = JSON.stringify(lastEvaluatedKey, function (this: Record<string, unknown>, name: string, value: unknown) {
    const original = this[name];
    return original instanceof Uint8Array ? { $b64: Buffer.from(original).toString('base64') } : value;
  });
  return Buffer.from(JSON.stringify({ tag, key }), 'utf8').toString('base64');
}

function looksLikeKey(value: unknown): value is SdkItem {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.values(value).every(isPlainObject);
}

/** Token → ExclusiveStartKey. A token this module did not make is a clear ValidationException. */
export function decodeNextToken(token: unknown): SdkItem | undefined {
  if (token === undefined || token === null) return undefined;
  const problem = new RequestError('nextToken is not a pagination token returned by an earlier Query or Scan');
  if (typeof token !== 'string') throw problem;
  let key: unknown;
  try {
    const envelope: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (!isPlainObject(envelope) || envelope.tag !== tag || typeof envelope.key !== 'string') throw problem;
    key = JSON.parse(envelope.key, (_name, value: unknown) =>
      isPlainObject(value) && typeof value.$b64 === 'string' ? JsonBytes.fromBase64(value.$b64) : value,
    );
  } catch {
    throw problem;
  }
  if (!looksLikeKey(key)) throw problem;
  return key;
}
