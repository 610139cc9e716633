/**
 * AppSync's scalars behave unlike plain custom scalars: AWSJSON arrives in resolvers parsed and
 * leaves serialized, and the others refuse malformed input. graphql-js only knows their names
 * (from description/appsync.graphql), so the executor gives them this behaviour.
 */
import { isIP } from 'node:net';
import { GraphQLError, Kind, isScalarType, type GraphQLSchema, type ValueNode } from 'graphql';

type Check = (value: string) => boolean;

const DATE = '\\d{4}-\\d{2}-\\d{2}';
const TIME = '\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?';
const OFFSET = '(Z|[+-]\\d{2}(:\\d{2}(:\\d{2})?)?)';

const stringChecks: Record<string, Check> = {
  AWSDate: (v) => new RegExp(`^${DATE}${OFFSET}?$`).test(v),
  AWSTime: (v) => new RegExp(`^${TIME}${OFFSET}?$`).test(v),
  AWSDateTime: (v) => new RegExp(`^${DATE}T${TIME}${OFFSET}$`).test(v) && !Number.isNaN(Date.parse(v.replace(/(\.\d{3})\d+/, '$1'))),
  AWSEmail: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  AWSURL: (v) => {
    try {
      return new URL(v).protocol.length > 1;
    } catch {
      return false;
    }
  },
  AWSPhone: (v) => /^\+?[\d\s().-]{3,}$/.test(v) && /\d/.test(v),
  AWSIPAddress: (v) => {
    const [address, prefix] = v.split('/');
    return isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
  },
};

function invalid(type: string, value: unknown): GraphQLError {
  return new GraphQLError(`Invalid ${type} value: ${JSON.stringify(value)}`);
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    default:
      return undefined;
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') throw invalid('AWSJSON', value);
  try {
    return JSON.parse(value);
  } catch {
    throw invalid('AWSJSON', value);
  }
}

function parseTimestamp(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid('AWSTimestamp', value);
  return value;
}

export function installAppSyncScalars(schema: GraphQLSchema): void {
  for (const [name, check] of Object.entries(stringChecks)) {
    const type = schema.getType(name);
    if (!isScalarType(type)) continue;
    const parse = (value: unknown) => {
      if (typeof value !== 'string' || !check(value)) throw invalid(name, value);
      return value;
    };
    Object.assign(type, { parseValue: parse, parseLiteral: (node: ValueNode) => parse(literalValue(node)) });
  }
  const json = schema.getType('AWSJSON');
  if (isScalarType(json)) {
    Object.assign(json, {
      parseValue: parseJson,
      parseLiteral: (node: ValueNode) => parseJson(literalValue(node)),
      // A resolver may return the value itself or its JSON text; clients always get JSON text.
      serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
    });
  }
  const timestamp = schema.getType('AWSTimestamp');
  if (isScalarType(timestamp)) {
    Object.assign(timestamp, { parseValue: parseTimestamp, parseLiteral: (node: ValueNode) => parseTimestamp(literalValue(node)) });
  }
}
