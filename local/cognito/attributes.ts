/** User attributes: which names a user may set at sign-up, their formats, and the pool's required ones. */
import type { StandardAttribute } from '../../description/types.js';
import { CognitoError } from './errors.js';

// Cognito's standard attributes a user may write (sub and the *_verified flags are Cognito's own).
const WRITABLE = new Set([
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
]);

const E164 = /^\+[1-9][0-9]{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type AttributeList = Array<{ Name: string; Value: string }>;

/** Checks a sign-up attribute list against the pool and returns it as a name → value map. */
export function parseSignUpAttributes(input: unknown, required: StandardAttribute[]): Record<string, string> {
  if (input !== undefined && !Array.isArray(input)) {
    throw new CognitoError('InvalidParameterException', 'UserAttributes must be a list of {Name, Value}');
  }
  const attributes: Record<string, string> = {};
  for (const entry of (input ?? []) as unknown[]) {
    const { Name: name, Value: value } = (entry ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string') {
      throw new CognitoError('InvalidParameterException', 'Each user attribute needs a string Name and Value');
    }
    if (!WRITABLE.has(name)) {
      throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`);
    }
    if (name === 'phone_number' && !E164.test(value)) throw new CognitoError('InvalidParameterException', 'Invalid phone number format.');
    if (name === 'email' && !EMAIL.test(value)) throw new CognitoError('InvalidParameterException', 'Invalid email address format.');
    attributes[name] = value;
  }
  const missing = required.filter((name) => !attributes[name]);
  if (missing.length > 0) {
    const reasons = missing.map((name) => `${name}: The attribute ${name} is required`).join(', ');
    throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: ${reasons}`);
  }
  return attributes;
}

export function toAttributeList(attributes: Record<string, string>): AttributeList {
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}

/** Hides most of a destination the way Cognito does in CodeDeliveryDetails (`+*******0100`, `a***@e***`). */
export function maskDestination(channel: 'SMS' | 'EMAIL', destination: string): string {
  if (channel === 'SMS') return `+${'*'.repeat(Math.max(destination.length - 5, 0))}${destination.slice(-4)}`;
  const [local, domain] = destination.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}
