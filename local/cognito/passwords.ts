/** Password hashing (scrypt, per-user salt) and the pool's password policy. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordPolicy } from '../../description/types.js';
import { CognitoError } from './errors.js';

/** scrypt's N for interactive logins. */
export const DEFAULT_COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: cost, r: blockSize, p: parallelism }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * The cost new hashes get: DEFAULT_COST unless TURNBASE_PASSWORD_HASH_COST (a power of two) says otherwise. The
 * test suite lowers it: it signs up and signs in hundreds of players, and at the default each costs ~50 ms of CPU.
 */
export function hashCost(environment: NodeJS.ProcessEnv = process.env): number {
  const configured = environment.TURNBASE_PASSWORD_HASH_COST;
  if (configured === undefined || configured === '') return DEFAULT_COST;
  const cost = Number(configured);
  if (!Number.isInteger(cost) || cost < 2 || cost > 2 ** 20 || (cost & (cost - 1)) !== 0) {
    throw new Error(`TURNBASE_PASSWORD_HASH_COST must be a power of two from 2 to 1048576 (scrypt's N), not "${configured}".`);
  }
  return cost;
}

/** Returns `scrypt$N$r$p$salt$hash` (base64), self-describing so the cost can change later. */
export async function hashPassword(password: string, cost = hashCost()): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(cost), Number(blockSize), Number(parallelism));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Cognito's symbol set for password policies.
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Throws InvalidPasswordException with Cognito's wording for the first rule the password breaks. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const fail = (reason: string) => new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${reason}`);
  if (password.length < policy.minLength) throw fail('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.requireSymbols && !SYMBOLS.test(password)) throw fail('Password must have symbol characters');
}
