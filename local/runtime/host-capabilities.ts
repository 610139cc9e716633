/** Node implementations of the capabilities the sandbox library borrows from the host. */
import { randomBytes, randomUUID } from 'node:crypto';
import { ulid } from 'ulid';
import type { HostCapabilities } from './capabilities.js';
import { systemClock, type Clock } from '../clock.js';

/** The clock `util.time.now*` reads: the system's unless the engine was given another (process-wide, as the runtime is). */
let clock: Clock = systemClock;

export function setRuntimeClock(next: Clock): void {
  clock = next;
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

export const nodeCapabilities: HostCapabilities = Object.freeze({
  now: () => clock.now(),
  randomUUID: () => randomUUID(),
  ulid: () => ulid(),
  randomHex: (byteCount: number) => randomBytes(byteCount).toString('hex'),
  base64Encode: (text: string) => Buffer.from(String(text), 'utf8').toString('base64'),
  base64Decode: (text: string) => {
    const compact = String(text).replace(/\s+/g, '');
    if (compact.length % 4 === 1 || !base64Pattern.test(compact.replace(/-/g, '+').replace(/_/g, '/'))) return null;
    return Buffer.from(compact, 'base64').toString('utf8');
  },
});
