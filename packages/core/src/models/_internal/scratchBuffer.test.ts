import { expect, it } from "vitest";
import { borrowScratch, returnScratch } from "./scratchBuffer.js";

it("should lend one buffer at a time, reuse it once returned, and grow it when a larger one is asked for", () => {
  const a = borrowScratch(64);
  const nested = borrowScratch(32);
  expect(nested).not.toBe(a);
  expect(a.byteLength).toBeGreaterThanOrEqual(64);
  returnScratch(nested);
  returnScratch(a);
  const b = borrowScratch(16);
  expect(b).toBe(a);
  returnScratch(b);
  // Larger than the buffer held now (other test files in this worker may have grown it already: isolate is off).
  const larger = a.byteLength + 1;
  const c = borrowScratch(larger);
  expect(c).not.toBe(a);
  expect(c.byteLength).toBeGreaterThanOrEqual(larger);
  returnScratch(c);
  expect(borrowScratch(8)).toBe(c);
  returnScratch(c);
});
