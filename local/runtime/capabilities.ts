/**
 * The few things the in-sandbox library cannot do with plain ECMAScript (strong randomness,
 * base64 of UTF-8, ULIDs). The host injects them once; every function takes and returns strings
 * only, so no host-realm object ever reaches resolver code.
 */
export interface HostCapabilities {
  randomUUID(): string;
  ulid(): string;
  /** `byteCount` random bytes as lower-case hex. */
  randomHex(byteCount: number): string;
  base64Encode(text: string): string;
  /** Returns null when the input is not valid base64. */
  base64Decode(text: string): string | null;
  /** Epoch milliseconds by the engine's clock (tests move it; see local/clock.ts). */
  now(): number;
}

let host: HostCapabilities | null = null;

export function setHostCapabilities(capabilities: HostCapabilities): void {
  host = capabilities;
}

export function hostCapabilities(): HostCapabilities {
  if (host === null) {
    throw new Error('The APPSYNC_JS library was used before the host capabilities were installed');
  }
  return host;
}

/** The engine's time, also where no host is installed (the library's own unit tests): then the system's. */
export function hostNow(): number {
  return host === null ? Date.now() : host.now();
}
