// `npm run bench [-- --quick] [-- --json [file]] [-- --only name]`
// Runs every workspace's `bench` script (each workload prints `BENCH {json}`
// rows through scripts/benchKit.mjs), passes the output through and prints one
// table. `--json` also writes the rows and the machine description to
// bench-results.json (or the file given); `node scripts/benchmarksMarkdown.mjs`
// turns that file into BENCHMARKS.md. `--quick` runs each workload once on
// small data (CI uses it so the harness cannot rot); its timings mean nothing.
import { spawn, execSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { cpus, totalmem, platform, release } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt < 0 ? null : args[jsonAt + 1] && !args[jsonAt + 1].startsWith("--") ? args[jsonAt + 1] : "bench-results.json";
const onlyAt = args.indexOf("--only");
const only = onlyAt < 0 ? null : args[onlyAt + 1];

const workspaces = [];
for (const dir of ["packages", "apps", "examples"]) {
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    const pkgFile = join(dir, name, "package.json");
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    if (pkg.scripts?.bench && (!only || pkg.name.includes(only))) workspaces.push({ dir: join(dir, name), name: pkg.name });
  }
}

const started = Date.now();
const rows = [];
const failures = [];
for (const ws of workspaces) {
  console.log(`\n## ${ws.name}${quick ? " (quick)" : ""}`);
  const code = await new Promise((resolveRun) => {
    const env = { ...process.env, NODE_ENV: "production", ...(quick ? { ENGAGEKIT_BENCH_QUICK: "1" } : {}) };
    const child = spawn("npm", ["run", "bench", "--silent"], { cwd: ws.dir, env, stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith("BENCH ")) {
          try {
            rows.push({ workspace: ws.name, ...JSON.parse(line.slice(6)) });
          } catch {
            failures.push(`${ws.name}: unparsable row ${line.slice(0, 80)}`);
          }
        }
      }
    });
    child.on("close", resolveRun);
  });
  if (code !== 0) failures.push(`${ws.name}: bench exited with ${code}`);
}

const fmt = (v) => (typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : (v ?? ""));
const metText = (m) => (m === true ? "yes" : m === false ? "**no**" : "");
console.log(`\n| workload | unit | engagekit | peer | peer value | ratio | target | met | peak RSS MB |`);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const w = r.factor ? `${r.workload} [${r.factor}×]` : r.workload;
  console.log(`| ${w} | ${r.unit ?? "ms"} | ${fmt(r.engagekit)} | ${r.peer ?? ""} | ${fmt(r.peerValue)} | ${fmt(r.ratio)} | ${r.target ?? ""} | ${metText(r.met)} | ${r.peakRssMB ?? ""} |`);
}
if (rows.length === 0) console.log("| (no workloads) | | | | | | | | |");
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\n${rows.length} rows from ${workspaces.length} workspaces in ${seconds} s${quick ? " (quick mode: timings are not meaningful)" : ""}`);

if (jsonFile) {
  let commit = null;
  try {
    commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  const cpu = cpus();
  const result = {
    date: new Date().toISOString(),
    commit,
    quick,
    seconds,
    machine: { cpu: cpu[0]?.model ?? "unknown", cores: cpu.length, memoryGB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version },
    rows,
    failures,
  };
  writeFileSync(resolve(jsonFile), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${jsonFile}`);
}
if (failures.length) {
  console.error(`bench failures:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
