import { describe, expect, it } from "vitest";
import { StateCache, newStateRev, stateCacheOf } from "../src/modules/state/stateCache.js";
import type { CustomerStateDoc } from "../src/modules/state/CustomerStateDoc.js";

const doc = (n: number) => ({ v: 3, stage: null, engagement: { acc: null, pending: [] }, history: { purchase: { count: n, first: 0, last: 0, times: [] } }, kept: { any: 0, byType: {} }, feedback: {} }) as CustomerStateDoc;

describe("StateCache", () => {
  it("should return a copy only while the row carries the revision it was written with", () => {
    const cache = new StateCache(10);
    cache.set(1, 7, 42, doc(1));
    expect(cache.get(1, 7, 42)).toEqual(doc(1));
    expect(cache.get(1, 7, 43), "another writer's revision").toBeUndefined();
    expect(cache.get(1, 7, null), "a row without a revision (an older version wrote it)").toBeUndefined();
    expect(cache.get(2, 7, 42), "the same customer id in another workspace").toBeUndefined();
  });

  it("should keep at most its capacity, dropping the oldest first", () => {
    const cache = new StateCache(2);
    cache.set(1, 1, 1, doc(1));
    cache.set(1, 2, 2, doc(2));
    cache.set(1, 3, 3, doc(3));
    expect(cache.size).toBe(2);
    expect(cache.get(1, 1, 1)).toBeUndefined();
    expect(cache.get(1, 3, 3)).toEqual(doc(3));
  });

  it("should give each ORM configuration its own cache", () => {
    const a = {};
    expect(stateCacheOf(a)).toBe(stateCacheOf(a));
    expect(stateCacheOf({})).not.toBe(stateCacheOf(a));
  });

  it("should draw revisions that are safe integers and do not repeat in practice", () => {
    const revs = Array.from({ length: 10_000 }, newStateRev);
    expect(revs.every(Number.isSafeInteger)).toBe(true);
    expect(new Set(revs).size).toBe(revs.length);
  });
});
