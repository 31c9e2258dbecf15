// `npm run bench`: runs every workspace's `bench` script, passes its output
// through, and prints one table of the `BENCH {json}` rows they emit:
// { workload, engagekit: ms, peer: name, peerMs: ms, ratio, target, note }.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const workspaces = [];
for (const dir of ["packages", "apps", "examples"]) {
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgFile = join(dir, name, "package.json");
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    if (pkg.scripts?.bench) workspaces.push({ dir: join(dir, name), name: pkg.name });
  }
}

const rows = [];
let failed = 0;
for (const ws of workspaces) {
  console.log(`\n## ${ws.name}`);
  const code = await new Promise((resolve) => {
    const child = spawn("npm", ["run", "bench", "--silent"], { cwd: ws.dir, stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith("BENCH ")) {
          try { rows.push({ workspace: ws.name, ...JSON.parse(line.slice(6)) }); } catch { /* not a row */ }
        }
      }
    });
    child.on("close", resolve);
  });
  if (code !== 0) failed++;
}

const fmt = (v) => (typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v ?? "");
console.log("\n| workspace | workload | engagekit ms | peer | peer ms | ratio | target | note |");
console.log("|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.workspace} | ${r.workload} | ${fmt(r.engagekit)} | ${r.peer ?? ""} | ${fmt(r.peerMs)} | ${fmt(r.ratio)} | ${r.target ?? ""} | ${r.note ?? ""} |`);
}
if (rows.length === 0) console.log("| (no workloads yet) | | | | | | | |");
process.exit(failed ? 1 : 0);
