/** Checks a registration before anything is created, with messages a person understands. */
import type { AuthError, RegisterArguments } from './protocol.js';

// Usernames also appear inside index keys (`<username>#<status>`), so they are kept plain.
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// E.164, the format Cognito and SNS SMS expect.
const PHONE = /^\+[1-9][0-9]{6,14}$/;

function invalid(message: string): AuthError {
  return { type: 'InvalidInput', message };
}

function isWholeNumberWithin(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function validateRegistration(input: RegisterArguments): AuthError | null {
  if (typeof input.username !== 'string' || !USERNAME.test(input.username)) {
    return invalid('A username is 3 to 32 letters, digits, dots, dashes or underscores.');
  }
  if (typeof input.password !== 'string' || input.password.length === 0) return invalid('A password is required.');
  if (typeof input.email !== 'string' || !EMAIL.test(input.email)) return invalid('The email address is not valid.');
  if (typeof input.phoneNumber !== 'string' || !PHONE.test(input.phoneNumber)) {
    return invalid('The phone number must be in international format, e.g. +15555550100.');
  }
  if (!isWholeNumberWithin(input.height, 1, 1000)) return invalid('Height must be a whole number from 1 to 1000.');
  if (!isWholeNumberWithin(input.weight, 1, 10000)) return invalid('Weight must be a whole number from 1 to 10000.');
  return null;
}
