/**
 * Runs inside the sandbox realm once: freezes every intrinsic (Object.prototype, Array, JSON, …)
 * and pins the existing global properties, so one handler run cannot leave state behind for the
 * next one. New globals a run adds are removed after it (see sandbox-library.ts).
 */

/** Intrinsics not reachable as a property of the global object. */
function hiddenIntrinsics(): unknown[] {
  const roots: unknown[] = [];
  const generator = function* () {
    /* empty */
  };
  const asyncFunction = async function () {
    /* empty */
  };
  const asyncGenerator = async function* () {
    /* empty */
  };
  roots.push(Object.getPrototypeOf(generator), Object.getPrototypeOf(asyncFunction), Object.getPrototypeOf(asyncGenerator));
  roots.push(Object.getPrototypeOf([][Symbol.iterator]()));
  roots.push(Object.getPrototypeOf(new Map()[Symbol.iterator]()));
  roots.push(Object.getPrototypeOf(new Set()[Symbol.iterator]()));
  roots.push(Object.getPrototypeOf(''[Symbol.iterator]()));
  roots.push(Object.getPrototypeOf(new RegExp('a')[Symbol.matchAll]('a')));
  roots.push(Object.getPrototypeOf(Int8Array));
  roots.push(Object.getOwnPropertyDescriptor(Function.prototype, 'caller')?.get);
  return roots;
}

export function hardenRealm(global: typeof globalThis, extraRoots: unknown[]): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [...hiddenIntrinsics(), ...extraRoots];
  for (const key of Reflect.ownKeys(global)) {
    const descriptor = Object.getOwnPropertyDescriptor(global, key);
    if (descriptor) stack.push(descriptor.value, descriptor.get, descriptor.set);
  }
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || value === global || seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    stack.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor) stack.push(descriptor.value, descriptor.get, descriptor.set);
    }
  }
  for (const key of Reflect.ownKeys(global)) {
    const descriptor = Object.getOwnPropertyDescriptor(global, key);
    if (descriptor?.configurable) {
      Object.defineProperty(global, key, 'value' in descriptor ? { value: descriptor.value, writable: false, configurable: false } : { configurable: false });
    }
  }
}
