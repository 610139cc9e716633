/**
 * Reads `MessageAttributes.entry.N.{Name,Value.DataType,Value.StringValue,Value.BinaryValue}` from a query request
 * into name → value (binary values stay base64), checking what SNS checks.
 */
import { SnsError } from './errors.js';

export interface ParsedAttribute {
  dataType: string;
  value: string;
}

const DATA_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const MAX_ATTRIBUTES = 10;

function invalidValue(message: string): SnsError {
  return new SnsError('ParameterValueInvalid', message);
}

export function parseMessageAttributes(params: URLSearchParams): Record<string, ParsedAttribute> {
  const attributes: Record<string, ParsedAttribute> = {};
  for (let index = 1; params.has(`MessageAttributes.entry.${index}.Name`); index += 1) {
    const prefix = `MessageAttributes.entry.${index}`;
    const name = params.get(`${prefix}.Name`) ?? '';
    const dataType = params.get(`${prefix}.Value.DataType`) ?? '';
    // `aws.` and `amazon.` are reserved, except SNS's own SMS settings such as AWS.SNS.SMS.SMSType.
    const reserved = /^(aws|amazon)\./i.test(name) && !/^AWS\.(SNS|MM)\.SMS\./.test(name);
    if (!NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || reserved) {
      throw invalidValue(`The message attribute name '${name}' is invalid.`);
    }
    if (Object.hasOwn(attributes, name)) throw invalidValue(`The message attribute '${name}' is given more than once.`);
    if (!DATA_TYPE.test(dataType) && !dataType.startsWith('String.Array')) {
      throw invalidValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const isBinary = dataType.startsWith('Binary');
    const value = params.get(`${prefix}.Value.${isBinary ? 'BinaryValue' : 'StringValue'}`) ?? '';
    if (value === '') {
      throw invalidValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`);
    }
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
      throw invalidValue(`Could not cast message attribute '${name}' value to number.`);
    }
    if (dataType.startsWith('String.Array') && !isJsonArray(value)) {
      throw invalidValue(`The message attribute '${name}' with type 'String.Array' must be a JSON array.`);
    }
    attributes[name] = { dataType, value };
  }
  if (Object.keys(attributes).length > MAX_ATTRIBUTES) {
    throw invalidValue(`Number of message attributes [${Object.keys(attributes).length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  }
  return attributes;
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
