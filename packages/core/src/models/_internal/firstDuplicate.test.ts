import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { firstDuplicate, stringHash } from "./firstDuplicate.js";

/** The definition: scan in order, the first string already seen ends it. */
function reference(ids: readonly string[]): readonly [number, number] | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const first = seen.get(ids[i] as string);
    if (first !== undefined) return [first, i];
    seen.set(ids[i] as string, i);
  }
  return null;
}

// Short strings over a few units repeat often; longer unique lists cross the bucketing threshold (2,048 per bucket).
test.prop([fc.array(fc.string({ maxLength: 3, unit: fc.constantFrom("a", "b", "é", "1") }), { maxLength: 200 })])("should find the repeat whose second occurrence comes first", (ids) => {
  expect(firstDuplicate(ids.length, (i) => ids[i] as string)).toEqual(reference(ids));
  const work = new Uint32Array(2 * ids.length);
  ids.forEach((id, i) => (work[i] = stringHash(id)));
  expect(firstDuplicate(ids.length, (i) => ids[i] as string, work, true)).toEqual(reference(ids));
});

test.prop([fc.integer({ min: 0, max: 20_000 }), fc.nat(), fc.nat()], { numRuns: 20 })("should find one planted repeat among many distinct ids, or none", (n, a, b) => {
  const ids = Array.from({ length: n }, (_, i) => `c${i}`);
  if (n >= 2) {
    const [x, y] = [a % n, b % n];
    if (x !== y) ids[Math.max(x, y)] = ids[Math.min(x, y)] as string;
  }
  expect(firstDuplicate(ids.length, (i) => ids[i] as string)).toEqual(reference(ids));
});
