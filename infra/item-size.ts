/**
 * The size DynamoDB bills an item at, by the rules of "DynamoDB item sizes and formats" in the
 * developer guide: names and strings in UTF-8 bytes, a number 1 byte per two significant digits
 * plus 1, null and booleans 1 byte, a list or map 3 bytes plus 1 byte per element, a set the sum of
 * its members. Items are in DynamoDB's JSON (AttributeValue) form, as the SDK reads them.
 * The guide calls the number rule approximate, so sizes here are estimates to a few bytes.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Significant digits of a DynamoDB number (leading and trailing zeroes trimmed). */
function numberSize(text: string): number {
  const digits = text.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, member) => sum + utf8(member), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, member) => sum + numberSize(member), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, member) => sum + member.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8(name) + valueSize(element), 0);
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(', ')}`);
}

/** Bytes of a whole item: each attribute's name plus its value. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** Write request units of one write: 1 per started KB of the larger of the item before and after it. */
export function writeUnits(beforeBytes: number, afterBytes: number): number {
  return Math.max(1, Math.ceil(Math.max(beforeBytes, afterBytes) / 1024));
}

/** Read request units of one strongly consistent read: 1 per started 4 KB of the whole item (a projection does not lower it). */
export function consistentReadUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 4096));
}
