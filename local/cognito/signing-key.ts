/**
 * The pool's RS256 signing key. One is generated per data directory and kept there (private, mode 0600), so
 * tokens stay valid across restarts; without a data directory it lives in memory only. Never shipped in code.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { readJsonIfExists, writeJsonAtomic } from './files.js';

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

export function loadOrCreateSigningKey(directory: string | null): SigningKey {
  const file = directory === null ? null : join(directory, 'signing-key.json');
  let stored = file ? readJsonIfExists<StoredKey>(file) : undefined;
  if (!stored) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    stored = { kid: randomBytes(16).toString('base64url'), privateJwk: privateKey.export({ format: 'jwk' }) as JWK };
    if (file) writeJsonAtomic(file, stored);
  }
  if (typeof stored.kid !== 'string' || stored.privateJwk?.kty !== 'RSA') {
    throw new Error(`${file ?? 'signing key'} does not hold an RSA key`);
  }
  const privateKey = createPrivateKey({ key: stored.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  return { kid: stored.kid, privateKey, publicKey, publicJwk: { ...publicJwk, kid: stored.kid, alg: 'RS256', use: 'sig' } };
}
