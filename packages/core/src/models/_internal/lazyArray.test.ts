import { fc, test } from "@fast-check/vitest";
import { inspect } from "node:util";
import { expect, it } from "vitest";
import { lazyArray } from "./lazyArray.js";

const element = (i: number) => ({ i, square: i * i });

test.prop([fc.nat({ max: 200 }), fc.array(fc.oneof(fc.nat({ max: 250 }).map(String), fc.constantFrom("length", "01", "1e1", "-1", "", " 1", "4294967296")), { maxLength: 60 })])(
  "should read like the materialised array, build each element at most once, and keep its identity",
  (n, keys) => {
    const made: number[] = [];
    const lazy = lazyArray(n, (i) => (made.push(i), element(i))) as unknown as Record<string, unknown>;
    const eager = Array.from({ length: n }, (_, i) => element(i)) as unknown as Record<string, unknown>;
    for (const key of keys) {
      expect(lazy[key]).toEqual(eager[key]);
      expect(key in lazy).toBe(key in eager);
      expect(lazy[key]).toBe(lazy[key]);
    }
    expect(new Set(made).size).toBe(made.length);
  },
);

test.prop([fc.nat({ max: 100 })])("should behave as an array for the Array methods, iteration, JSON, keys and deep equality", (n) => {
  const eager = Array.from({ length: n }, (_, i) => element(i));
  const lazy = lazyArray(n, element);
  expect(Array.isArray(lazy)).toBe(true);
  expect(lazy.length).toBe(n);
  expect([...lazy]).toEqual(eager);
  expect(lazy.map((x) => x.square)).toEqual(eager.map((x) => x.square));
  expect(lazy.slice(1, 4)).toEqual(eager.slice(1, 4));
  expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
  expect(Object.keys(lazy)).toEqual(Object.keys(eager));
  expect(lazy).toEqual(eager);
});

it("should show its elements in util.inspect (which reads a Proxy's target), building only those shown", () => {
  let made = 0;
  const lazy = lazyArray(1000, (i) => (made++, element(i)));
  const shown = inspect(lazy, { maxArrayLength: 3 });
  expect(shown).toBe(inspect(Array.from({ length: 1000 }, (_, i) => element(i)), { maxArrayLength: 3 }));
  expect(made).toBe(3);
});
