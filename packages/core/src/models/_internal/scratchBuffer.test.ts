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
  const c = borrowScratch(1024);
  expect(c).not.toBe(a);
  expect(c.byteLength).toBeGreaterThanOrEqual(1024);
  returnScratch(c);
  expect(borrowScratch(8)).toBe(c);
  returnScratch(c);
});
