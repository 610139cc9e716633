/**
 * Checks what reaches the auth function before Cognito or DynamoDB sees it, with messages a person
 * understands. Lengths come first, so an oversized value is refused without further work.
 */
import type { AuthError, RegisterArguments } from './protocol.js';

// C0 and C1 control characters, and the bidirectional marks, embeddings, overrides and isolates that
// make text display differently from what it is.
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Cognito's own limits: passwords up to 256 characters, usernames up to 128; an e-mail address up to 254 (RFC 5321).
export const MAX_PASSWORD = 256;
export const MAX_LOGIN_USERNAME = 128;
const MAX_EMAIL = 254;
const MAX_CODE = 64;
const MAX_REFRESH_TOKEN = 4096;

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

/** A text argument: a string of at most `max` characters, without control or bidi-override characters. */
function checkText(value: unknown, label: string, max: number): AuthError | null {
  if (typeof value !== 'string' || value.length === 0) return invalid(`${label} is required.`);
  if (value.length > max) return invalid(`${label} is too long (at most ${max} characters).`);
  if (UNSAFE_CHARACTERS.test(value)) return invalid(`${label} contains a control or text-direction character.`);
  return null;
}

export function validateLogin(username: unknown, password: unknown): AuthError | null {
  return checkText(username, 'The username', MAX_LOGIN_USERNAME) ?? checkText(password, 'The password', MAX_PASSWORD);
}

export function validateConfirmation(username: unknown, code: unknown): AuthError | null {
  return checkText(username, 'The username', MAX_LOGIN_USERNAME) ?? checkText(code, 'The confirmation code', MAX_CODE);
}

export function validateRefreshToken(token: unknown): AuthError | null {
  return checkText(token, 'The refresh token', MAX_REFRESH_TOKEN);
}

export function validateRegistration(input: RegisterArguments): AuthError | null {
  if (typeof input !== 'object' || input === null) return invalid('The registration is missing.');
  const text =
    checkText(input.username, 'The username', MAX_LOGIN_USERNAME) ??
    checkText(input.password, 'The password', MAX_PASSWORD) ??
    checkText(input.email, 'The email address', MAX_EMAIL) ??
    checkText(input.phoneNumber, 'The phone number', 16);
  if (text) return text;
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
