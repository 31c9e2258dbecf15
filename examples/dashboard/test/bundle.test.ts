import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSizes } from "../src/bundleSize.js";
import { webDir } from "../src/webDir.js";

/** The built page must run under createServer's route CSP: same origin, no inline code, no eval. */
describe("the dashboard's build (dist/web)", () => {
  it("should exist: npm run build (turbo's build task) writes it", () => {
    expect(existsSync(join(webDir, "index.html")), `${webDir}index.html: run npm run build -w @engagekit/example-dashboard`).toBe(true);
  });

  it("should load its code and styles only from this origin, with no inline script or style", () => {
    const html = readFileSync(join(webDir, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="|https?:\/\/|data:/i);
  });

  it("should not evaluate strings as code (the CSP has no 'unsafe-eval')", () => {
    for (const { file } of bundleSizes().filter((s) => s.file.endsWith(".js"))) {
      const code = readFileSync(join(webDir, file), "utf8");
      expect(code, file).not.toMatch(/\bnew Function\s*\(|\beval\s*\(/);
    }
  });

  it("should keep the page within its measured size: about 610 KiB raw, 200 KiB gzip (README)", () => {
    const sizes = bundleSizes();
    const total = sizes.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
    console.log(`dashboard bundle: ${sizes.length} files, ${total.raw} bytes raw, ${total.gzip} bytes gzip -9`);
    // A budget with 15% headroom: a whole-library import (echarts.min.js is 1.1 MB) would break it.
    expect(total.raw).toBeLessThan(720 * 1024);
    expect(total.gzip).toBeLessThan(235 * 1024);
  });
});
