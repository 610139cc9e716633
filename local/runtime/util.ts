/** The `util` object of APPSYNC_JS (everything except util.time, util.dynamodb and util.transform internals). */
import { XMLParser } from 'fast-xml-parser';
import { hostCapabilities } from './capabilities.js';
import { currentCall, endHandler } from './call-state.js';
import type { ResolverError } from './contract.js';
import { dynamodbUtil } from './dynamodb-values.js';
import { filterToExpression } from './dynamodb-filter.js';
import { javaMatches } from './java-regex.js';
import { toJsonObject as rdsToJsonObject } from './rds.js';
import { toElasticsearchQueryDSL } from './opensearch-query.js';
import { toSubscriptionFilter } from './subscription-filter.js';
import { timeUtil } from './time.js';

export function escapeJavaScript(value: string): string {
  let out = '';
  for (const char of String(value)) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === "'" || char === '\\' || char === '/') out += `\\${char}`;
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code > 0x7e) {
      // Like Java's escapeJavaScript: each UTF-16 unit as \uXXXX, upper-case hex.
      for (let i = 0; i < char.length; i += 1) out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += char;
  }
  return out;
}

/** application/x-www-form-urlencoded, as java.net.URLEncoder: space is '+', only [A-Za-z0-9.*_-] stay. */
export function urlEncode(value: string): string {
  return encodeURIComponent(String(value))
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export function urlDecode(value: string): string {
  try {
    return decodeURIComponent(String(value).replace(/\+/g, ' '));
  } catch {
    throw new URIError(`util.urlDecode: "${value}" is not a valid url-encoded string`);
  }
}

export function base64Encode(value: string): string {
  return hostCapabilities().base64Encode(String(value));
}

export function base64Decode(value: string): string {
  const decoded = hostCapabilities().base64Decode(String(value));
  if (decoded === null) throw new TypeError(`util.base64Decode: "${value}" is not valid base64`);
  return decoded;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ksuidEpochSeconds = 1400000000;

/** 27 base62 characters: a 4-byte timestamp (seconds since the KSUID epoch) then 16 random bytes. */
export function autoKsuid(): string {
  const seconds = Math.floor(Date.now() / 1000) - ksuidEpochSeconds;
  const hex = seconds.toString(16).padStart(8, '0') + hostCapabilities().randomHex(16);
  let number = BigInt(`0x${hex}`);
  let out = '';
  const sixtyTwo = BigInt(62);
  while (number > BigInt(0)) {
    out = base62[Number(number % sixtyTwo)] + out;
    number /= sixtyTwo;
  }
  return out.padStart(27, '0');
}

function makeError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): ResolverError {
  return {
    message: String(message),
    errorType: errorType === undefined || errorType === null ? null : String(errorType),
    data: data === undefined ? null : data,
    errorInfo: errorInfo === undefined ? null : errorInfo,
  };
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`${name} is not supported by the local engine`);
  };
}

/** The restricted headers util.http.copyHeaders leaves out: exactly the developer guide's list (util.http page). */
const restrictedHeaders = new Set(['transfer-encoding', 'connection', 'host', 'expect', 'keep-alive', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'te', 'content-length']);

function copyHeaders(headers: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (typeof headers !== 'object' || headers === null) return copy;
  for (const [name, value] of Object.entries(headers)) {
    if (!restrictedHeaders.has(name.toLowerCase())) copy[name] = value;
  }
  return copy;
}

const xmlParser = new XMLParser({ ignoreDeclaration: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: true });

function xmlToMap(xml: string): Record<string, unknown> | null {
  if (typeof xml !== 'string' || xml.trim() === '') return null;
  return xmlParser.parse(xml) as Record<string, unknown>;
}

export const util = {
  autoId: (): string => hostCapabilities().randomUUID(),
  autoUlid: (): string => hostCapabilities().ulid(),
  autoKsuid,
  escapeJavaScript,
  urlEncode,
  urlDecode,
  base64Encode,
  base64Decode,
  matches: javaMatches,
  authType: (): string | null => currentCall().authType,
  error(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
    return endHandler({ kind: 'error', error: makeError(message, errorType, data, errorInfo) });
  },
  appendError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void {
    currentCall().appendedErrors.push(makeError(message, errorType, data, errorInfo));
  },
  unauthorized(): never {
    const call = currentCall();
    return endHandler({
      kind: 'error',
      error: makeError(`Not Authorized to access ${call.fieldName} on type ${call.parentTypeName}`, 'Unauthorized'),
    });
  },
  time: timeUtil,
  dynamodb: dynamodbUtil,
  transform: {
    toDynamoDBFilterExpression: (filter: unknown): string => JSON.stringify(filterToExpression(filter)),
    toDynamoDBConditionExpression: (condition: unknown): string => JSON.stringify(filterToExpression(condition)),
    toElasticsearchQueryDSL,
    toSubscriptionFilter,
  },
  str: {
    normalize(value: string, form: string): string {
      const upper = String(form).toUpperCase();
      if (upper !== 'NFC' && upper !== 'NFD' && upper !== 'NFKC' && upper !== 'NFKD') {
        throw new RangeError(`util.str.normalize: the form must be nfc, nfd, nfkc or nfkd, got "${form}"`);
      }
      return String(value).normalize(upper);
    },
  },
  math: {
    roundNum: (value: number): number => Math.round(value),
    minVal: (a: number, b: number): number => Math.min(a, b),
    maxVal: (a: number, b: number): number => Math.max(a, b),
    randomDouble: (): number => Math.random(),
    /** An integer in [start, end], both ends included. */
    randomWithinRange: (start: number, end: number): number => {
      const low = Math.ceil(Math.min(start, end));
      const high = Math.floor(Math.max(start, end));
      return low + Math.floor(Math.random() * (high - low + 1));
    },
  },
  http: {
    copyHeaders,
    addResponseHeader: unsupported('util.http.addResponseHeader'),
    addResponseHeaders: unsupported('util.http.addResponseHeaders'),
  },
  xml: {
    toMap: xmlToMap,
    toJsonString: (xml: string, stringEncode?: boolean): string => {
      const json = JSON.stringify(xmlToMap(xml));
      return stringEncode === true ? JSON.stringify(json) : json;
    },
  },
  rds: {
    toJsonObject: rdsToJsonObject,
    toJsonString: (result: unknown): string => JSON.stringify(rdsToJsonObject(result)),
  },
};
