// Runs every bench/*.bench.mjs of this package in its own node process (so
// memory figures are per workload), passing its output through. Each bench
// prints result rows as `BENCH {json}` lines, which scripts/bench.mjs at the
// repository root gathers into one table.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
let failed = 0;
for (const file of readdirSync(here).filter((f) => f.endsWith(".bench.mjs")).sort()) {
  if (only && !file.includes(only)) continue;
  const r = spawnSync(process.execPath, ["--expose-gc", join(here, file)], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
