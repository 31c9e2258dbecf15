import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { orderByKeyDescending } from "./orderByKeyDescending.js";

const byIndex = (a: number, b: number): number => a - b;
// Keys with many exact ties, keys sharing their high 32 bits (x and x + tiny), and any non-negative double.
const keyArb = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.constantFrom(1, 1 + 2 ** -40, 1 + 2 ** -45, 2 ** -1074, Number.MAX_VALUE),
  fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
);

test.prop([fc.array(keyArb, { maxLength: 300 })])("should order indices as a comparator sort by key descending, then by the tie-breaker", (keys) => {
  const k = Float64Array.from(keys);
  const expected = keys.map((_, i) => i).sort((a, b) => (k[b] as number) - (k[a] as number) || byIndex(a, b));
  expect(Array.from(orderByKeyDescending(k, byIndex))).toEqual(expected);
});

test.prop([fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 3000 })])("should handle long runs of one key and of keys sharing their high bits", (distinct, n) => {
  const k = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % (distinct + 1)) * 2 ** -44);
  const expected = Array.from(k.keys()).sort((a, b) => (k[b] as number) - (k[a] as number) || b - a);
  expect(Array.from(orderByKeyDescending(k, (a, b) => b - a))).toEqual(expected);
});
