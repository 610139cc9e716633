/**
 * The pool's RS256 signing key. One is generated per data directory and kept there (private, mode 0600), so
 * tokens stay valid across restarts; without a data directory it lives in memory only. Never shipped in code.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { readJsonIfExists, writeJsonAtomic } from './files.js';

const generateRsaKeyPair = promisify(generateKeyPair);

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public half as published in the JWKS. */
  publicJwk: JWK;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

const RSA = { modulusLength: 2048 } as const;

const keyFile = (directory: string | null): string | null => (directory === null ? null : join(directory, 'signing-key.json'));

function storeNewKey(file: string | null, privateKey: KeyObject): StoredKey {
  const stored = { kid: randomBytes(16).toString('base64url'), privateJwk: privateKey.export({ format: 'jwk' }) as JWK };
  if (file) writeJsonAtomic(file, stored);
  return stored;
}

function signingKeyFrom(stored: StoredKey, file: string | null): SigningKey {
  if (typeof stored.kid !== 'string' || stored.privateJwk?.kty !== 'RSA') {
    throw new Error(`${file ?? 'signing key'} does not hold an RSA key`);
  }
  const privateKey = createPrivateKey({ key: stored.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  return { kid: stored.kid, privateKey, publicKey, publicJwk: { ...publicJwk, kid: stored.kid, alg: 'RS256', use: 'sig' } };
}

/** The key kept in `directory`, or a new one (kept there). */
export function loadOrCreateSigningKey(directory: string | null): SigningKey {
  const file = keyFile(directory);
  const stored = (file ? readJsonIfExists<StoredKey>(file) : undefined) ?? storeNewKey(file, generateKeyPairSync('rsa', RSA).privateKey);
  return signingKeyFrom(stored, file);
}

/**
 * The same, with a new key generated on libuv's thread pool: a 2048-bit RSA key takes a noticeable part of a
 * start, which the engine spends on its other work meanwhile.
 */
export async function prepareSigningKey(directory: string | null): Promise<SigningKey> {
  const file = keyFile(directory);
  const stored = (file ? readJsonIfExists<StoredKey>(file) : undefined) ?? storeNewKey(file, (await generateRsaKeyPair('rsa', RSA)).privateKey);
  return signingKeyFrom(stored, file);
}
