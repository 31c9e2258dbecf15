// A working buffer reused by consecutive calls, held weakly.
//
// V8 counts ArrayBuffer memory as "external" and, when it has grown by ~64 MB since the last full collection,
// starts one: a call allocating tens of megabytes of temporary typed arrays brings a mark-compact of the caller's
// whole heap (on 1M assignment customers, ~185 ms marking the input) every call or two. Reusing one buffer avoids
// that. It is held through a WeakRef, so it is not kept once memory is needed (a full collection frees it and the
// next call allocates afresh), and it is lent to one caller at a time (a nested call gets its own buffer).

let pooled: WeakRef<ArrayBuffer> | undefined;
let lent: ArrayBuffer | undefined;

/** A buffer of at least `bytes` bytes (contents arbitrary) for the caller alone until {@link returnScratch}. */
export function borrowScratch(bytes: number): ArrayBuffer {
  const buffer = pooled?.deref();
  if (lent !== undefined) return new ArrayBuffer(bytes);
  if (buffer !== undefined && buffer.byteLength >= bytes) return (lent = buffer);
  const fresh = new ArrayBuffer(bytes);
  pooled = new WeakRef(fresh);
  return (lent = fresh);
}

/** Gives back a buffer from {@link borrowScratch}. */
export function returnScratch(buffer: ArrayBuffer): void {
  if (buffer === lent) lent = undefined;
}
