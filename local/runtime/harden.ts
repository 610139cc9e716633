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

/**
 * Freezing a prototype makes its data properties read-only for every object that inherits them:
 * `item.constructor = 1` or `stash['toString'] = …` would then throw (JavaScript's "override
 * mistake"), although ordinary JavaScript, and so AppSync, lets an object get its own property of
 * that name. So before freezing, each such property becomes a getter returning the same value and a
 * setter that defines the property on the object assigned to, as an unfrozen realm would.
 * Object.prototype covers every plain object (all JSON data); the Error and Function prototypes
 * cover the names resolver code commonly sets on its own errors and functions.
 */
function enableOverride(target: object, key: PropertyKey): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor || !('value' in descriptor) || !descriptor.configurable) return;
  const value: unknown = descriptor.value;
  Object.defineProperty(target, key, {
    get: function () {
      return value;
    },
    set: function (this: unknown, replacement: unknown) {
      if (this === target) throw new TypeError(`Cannot assign to read only property '${String(key)}' of object`);
      // Throws for a frozen or primitive receiver, as the assignment would in strict code.
      Object.defineProperty(this, key, { value: replacement, writable: true, enumerable: true, configurable: true });
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}

function enableOverrides(): void {
  for (const key of Reflect.ownKeys(Object.prototype)) enableOverride(Object.prototype, key);
  const errors = [Error, TypeError, RangeError, SyntaxError, ReferenceError, URIError, EvalError];
  for (const constructor of errors) for (const key of ['constructor', 'name', 'message', 'toString']) enableOverride(constructor.prototype, key);
  for (const key of ['constructor', 'toString']) enableOverride(Function.prototype, key);
}

export function hardenRealm(global: typeof globalThis, extraRoots: unknown[]): void {
  enableOverrides();
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
