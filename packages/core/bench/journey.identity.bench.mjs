// Identity stitching throughput: IdentityGraph.addInteraction over 1M interactions carrying three
// identifier kinds (deviceId, email, phone). Seeded (mulberry32):
// 250k people with 1–3 devices, one email, one phone; each interaction is recorded under one of the
// person's devices and carries the email with p 0.5 and the phone with p 0.3; 0.2% carry a shared
// support address, which is blocked. There is no SQL peer (connected components need recursion in
// SQL), so the row reports throughput only (unit items/s). Runs in its own process so the heap holds
// only its input. Quick mode: 20k interactions. Workload key: journey.identity.
import * as ek from "../dist/index.js";
import { emit, measure, pick, selected } from "../../../scripts/benchKit.mjs";
import { mulberry32, round, runsNote } from "./_common.mjs";

const mb = (b) => (b / 1048576).toFixed(0);

if (selected("journey.identity")) {
  const N = Number(process.env.EK_ID_EVENTS ?? pick(1_000_000, 20_000));
  const P = Math.round(N / 4);
  const rnd = mulberry32(7);
  const devices = Array.from({ length: P }, () => 1 + Math.floor(rnd() * 3));
  const its = new Array(N);
  for (let i = 0; i < N; i++) {
    const p = Math.floor(rnd() * P);
    const ids = [];
    if (rnd() < 0.5) ids.push({ kind: "email", value: `person${p}@example.com` });
    if (rnd() < 0.3) ids.push({ kind: "phone", value: `+4930${String(p).padStart(7, "0")}` });
    if (rnd() < 0.002) ids.push({ kind: "email", value: "support@shop.example" });
    its[i] = { id: `i${i}`, customer: { kind: "deviceId", value: `dev-${p}-${Math.floor(rnd() * devices[p])}` }, identifiers: ids, timestamp: i, touchpoint: "web", channel: "web", type: "page_view" };
  }
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let g;
  const idRun = await measure(
    `engagekit IdentityGraph.addInteraction × ${N}`,
    () => {
      g = new ek.IdentityGraph({ blocked: [{ kind: "email", value: "support@shop.example" }] });
      for (let i = 0; i < N; i++) g.addInteraction(its[i]);
      return g.size;
    },
    { runs: Number(process.env.EK_RUNS ?? 3), warmup: 1 },
  );
  globalThis.gc?.();
  const heap1 = process.memoryUsage().heapUsed; // only the last graph is still reachable
  const merges = g.merges().length;
  const blocked = g.refused().filter((r) => r.reason === "blocked").length;
  const perSec = N / (idRun.ms / 1000);
  console.log(`  ${idRun.out} profiles from ${P} people (devices never seen with an email or phone stay apart), ${merges} merges, ${blocked} blocked links; ${(perSec / 1e6).toFixed(2)} M interactions/s; graph heap ≈ ${mb(heap1 - heap0)} MB (log, nodes, merge records)`);
  const tUn = performance.now();
  const m = g.merges()[Math.floor(merges / 2)];
  g.unmerge(m.id);
  const unMs = performance.now() - tUn;
  console.log(`  one unmerge (replays the log of ${N} observations): ${unMs.toFixed(0)} ms`);
  emit({
    key: "journey.identity",
    workload: `identity stitching ${N} interactions, 3 identifier kinds`,
    unit: "items/s",
    engagekit: Math.round(perSec),
    peer: null,
    peerValue: null,
    ratio: null,
    target: null,
    met: null,
    note: `${(perSec / 1e6).toFixed(2)} M interactions/s (${round(idRun.ms, 1)} ms for ${N}, ${runsNote(idRun.times.length)}); no peer (connected components need recursion in SQL); ${idRun.out} profiles, ${merges} merges, ${blocked} blocked links; one unmerge ${unMs.toFixed(0)} ms (log replay); graph heap ≈ ${mb(heap1 - heap0)} MB`,
  });
}
