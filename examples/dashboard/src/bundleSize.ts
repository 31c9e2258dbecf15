// The size of the dashboard's built page (dist/web): raw bytes and gzip (level 9) of each
// file and in total. `npm run size -w @engagekit/example-dashboard` prints it; the README
// quotes it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { webDir } from "./webDir.js";

export interface FileSize {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

export function bundleSizes(dir: string = webDir): FileSize[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const body = readFileSync(join(e.parentPath, e.name));
      return { file: relative(dir, join(e.parentPath, e.name)), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = bundleSizes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const s of sizes) console.log(`${s.file.padEnd(32)} ${kb(s.raw).padStart(11)} raw ${kb(s.gzip).padStart(11)} gzip`);
  const total = sizes.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
  console.log(`${"total".padEnd(32)} ${kb(total.raw).padStart(11)} raw ${kb(total.gzip).padStart(11)} gzip`);
}
