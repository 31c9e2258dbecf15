import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Architecture as a test (graphql-js style lint rules): the core is pure.
 * Its sources may import only relative modules and the pinned @stdlib
 * numerics — no server side (graphql, type-graphql, MikroORM,
 * reflect-metadata), no I/O (node:*), no decorators.
 */
const srcDir = join(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("core architecture", () => {
  const files = sourceFiles(srcDir);

  it("should find the core's sources", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("should import only relative modules and @stdlib numerics (no server side, no I/O)", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? "";
        if (spec.startsWith(".") || spec.startsWith("@stdlib/")) continue;
        offenders.push(`${relative(srcDir, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("should use no decorators and no default exports", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (/^\s*@[A-Za-z]+\(/m.test(text)) offenders.push(`${relative(srcDir, file)}: decorator`);
      if (/\bexport\s+default\b/.test(text)) offenders.push(`${relative(srcDir, file)}: default export`);
    }
    expect(offenders).toEqual([]);
  });
});

describe("entry points", () => {
  it("should export each area's functions from its subpath too (@engagekit/core/clv, /segments, /journey, /models, /consent, /proactive, /loyalty, /personalization), the same objects as the root", async () => {
    const root = await import("@engagekit/core");
    const areas = [await import("@engagekit/core/clv"), await import("@engagekit/core/segments"), await import("@engagekit/core/journey"), await import("@engagekit/core/models"),
      await import("@engagekit/core/consent"), await import("@engagekit/core/proactive"), await import("@engagekit/core/loyalty"), await import("@engagekit/core/personalization")];
    for (const area of areas) {
      const sub = area as Record<string, unknown>;
      const names = Object.keys(sub);
      expect(names.length).toBeGreaterThan(3);
      for (const name of names) expect((root as Record<string, unknown>)[name]).toBe(sub[name]);
    }
  });
});
