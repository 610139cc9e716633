/**
 * Globals that sandboxed code reads often. Reading a global inside a node:vm context goes through
 * an interceptor (~1 µs each), so the library and every bundle receive these as function
 * parameters instead: the same frozen objects, read as fast local variables.
 */
export const INTRINSIC_NAMES = [
  'globalThis',
  'undefined',
  'Object',
  'Array',
  'JSON',
  'Math',
  'Date',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'URIError',
  'RegExp',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Reflect',
  'Intl',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
] as const;

/** Names the runtime library hands to every bundle, in this order, before the intrinsics. */
export const RUNTIME_PARAMETER_NAMES = ['__turnbase_tick', 'util', 'extensions', 'runtime', 'console'] as const;
