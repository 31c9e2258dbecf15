// A read-mostly array of n elements, each built on first access and then kept.
//
// A million small objects built eagerly cost far more than the typed-array work that computes them: V8 allocates
// objects made by `new` in the young generation, and as all of them survive, every scavenge copies them (a literal
// is pretenured, a class instance is not; ~180 ms against ~70 ms for 1M). Built on access, the caller pays for the
// ones it reads, when it reads them.
//
// The result is a Proxy over a real (holey) Array, so Array.isArray, length, indexing, iteration, the Array methods,
// JSON.stringify and deep equality behave as for the materialised array; element identity is stable (a[0] === a[0]).
// Whatever enumerates the keys (Object.keys, ownKeys, a spread of the properties) builds every element first. Not
// structured-cloneable (a Proxy); Node's util.inspect shows it through the hook below (building the elements it prints).

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

interface InspectOptions {
  readonly maxArrayLength?: number | null;
  readonly depth?: number | null;
  readonly customInspect?: boolean;
}

/** The index named by a property key, or −1 when it is not a canonical array index below `length`. */
function indexOf(key: string | symbol, length: number): number {
  if (typeof key !== "string") return -1;
  const digits = key.length;
  if (digits === 0 || digits > 10) return -1;
  let i = 0;
  for (let k = 0; k < digits; k++) {
    const d = key.charCodeAt(k) - 48;
    if (d < 0 || d > 9 || (d === 0 && k === 0 && digits > 1)) return -1;
    i = i * 10 + d;
  }
  return i < length ? i : -1;
}

/**
 * An array of `n` elements where element i is `make(i)`, called on the first read of index i (then kept). `make`
 * must not return undefined.
 */
export function lazyArray<T extends object>(n: number, make: (i: number) => T): readonly T[] {
  const target = new Array<T | undefined>(n);
  const at = (i: number): T => {
    let v = target[i];
    if (v === undefined) target[i] = v = make(i);
    return v;
  };
  // Node's util.inspect reads the target of a Proxy, not through it: build what it will show, then print the target.
  Object.defineProperty(target, INSPECT, {
    enumerable: false,
    value(_depth: number, options: InspectOptions, inspect: (value: unknown, options: InspectOptions) => string): string {
      const shown = Math.min(target.length, options.maxArrayLength ?? Infinity);
      for (let i = 0; i < shown; i++) at(i);
      const depth = options.depth;
      return inspect(target, { ...options, customInspect: false, depth: typeof depth === "number" ? depth - 1 : null });
    },
  });
  // for … of and spreads iterate the target directly (one generator step per element, not two traps).
  function* values(): Generator<T, void, undefined> {
    for (let i = 0; i < target.length; i++) yield at(i);
  }
  return new Proxy(target as T[], {
    get(t, key, receiver) {
      if (key === Symbol.iterator) return values;
      const i = indexOf(key, t.length);
      return i === -1 ? Reflect.get(t, key, receiver) : at(i);
    },
    has(t, key) {
      return indexOf(key, t.length) !== -1 || Reflect.has(t, key);
    },
    getOwnPropertyDescriptor(t, key) {
      const i = indexOf(key, t.length);
      if (i !== -1) at(i);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    ownKeys(t) {
      for (let i = 0; i < t.length; i++) at(i);
      return Reflect.ownKeys(t);
    },
  });
}
