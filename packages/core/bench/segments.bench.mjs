// Segments benchmark: compiled predicates vs json-logic-js, incremental membership latency,
// and RFM quintiles vs DuckDB SQL on Online Retail. Run: node bench/run.mjs segments
// (after `npx tsc -p tsconfig.build.json`). Workload keys: segments.eval (1M profiles; quick 20k;
// scaling base 62,500), segments.incremental.10k / .1m (quick: 10k / 100k customers, 20k events),
// segments.rfm (Online Retail; quick: first 20k cleaned rows; scaling: the file replicated).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import jsonLogic from "json-logic-js";
import { DuckDBInstance } from "@duckdb/node-api";
import { compileSegment, createSegmentMembership, recordInteraction, rfmFromTransactions, rfmScores, rfmAnalysis } from "../dist/index.js";
import { emit, measure, median, pick, quick, selected } from "../../../scripts/benchKit.mjs";
import { cleanedOnlineRetail, mulberry32, round, runsNote, scaled, withHeapGrowth, writeCsv } from "./_common.mjs";

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 1);
const gc = () => globalThis.gc?.();

// ---------------------------------------------------------------------------------------------
// 1. 1M profiles × a 20-condition definition, engagekit compiled predicate vs json-logic-js
// ---------------------------------------------------------------------------------------------
if (selected("segments.eval")) {
  const N = scaled(pick(1_000_000, 20_000));
  const rnd = mulberry32(42);
  const pickOf = (xs) => xs[Math.floor(rnd() * xs.length)];
  const profiles = new Array(N);
  for (let i = 0; i < N; i++) {
    const purchases = 1 + Math.floor(rnd() * 6);
    const sessions = Math.floor(rnd() * 12);
    const sessionLast = NOW - Math.floor(rnd() * 120) * DAY;
    profiles[i] = {
      id: `c${i}`,
      traits: {
        plan: pickOf(["pro", "pro", "team", "free"]),
        vip: rnd() < 0.1,
        age: 16 + Math.floor(rnd() * 70),
        country: pickOf(["UK", "FR", "DE", "XX", "US", "ES", "IT", "NL", "SE", "PL"]),
        signup: NOW - Math.floor(rnd() * 700) * DAY,
        email: rnd() < 0.97 ? `user${i}@example.com` : "unknown",
        tags: rnd() < 0.9 ? ["beta", "newsletter"] : ["newsletter"],
        ...(rnd() < 0.05 ? { npsOptOut: true } : {}),
      },
      interactions: {
        purchase: { count: purchases, first: NOW - (400 + Math.floor(rnd() * 300)) * DAY, last: NOW - Math.floor(rnd() * 60) * DAY },
        session: sessions === 0 ? { count: 0 } : { count: sessions, first: NOW - 500 * DAY, last: sessionLast },
      },
      values: { clv: Math.floor(rnd() * 2000), pAlive: rnd(), lastNps: Math.floor(rnd() * 11) },
      tier: pickOf(["passive", "active", "active", "advocate"]),
      consent: { marketing: rnd() < 0.9 },
    };
  }
  const firstBefore = new Date(NOW - 450 * DAY).toISOString();
  const definition = {
    id: "bench-20",
    condition: {
      type: "all",
      conditions: [
        { type: "any", conditions: [{ type: "trait", field: "plan", op: "equals", value: "pro" }, { type: "trait", field: "plan", op: "equals", value: "team" }, { type: "trait", field: "vip", op: "equals", value: true }] },
        { type: "trait", field: "age", op: "gte", value: 18 },
        { type: "trait", field: "age", op: "lte", value: 80 },
        { type: "not", condition: { type: "trait", field: "country", op: "in", values: ["XX", "YY"] } },
        { type: "performed", interaction: "purchase", op: "atLeast", times: 2 },
        { type: "performed", interaction: "session", op: "atLeast", times: 2 },
        { type: "lastPerformed", interaction: "session", op: "withinLast", days: 90 },
        { type: "trait", field: "signup", op: "moreThanAgo", days: 7 },
        { type: "value", metric: "clv", op: "gte", value: 50 },
        { type: "value", metric: "pAlive", op: "gt", value: 0.2 },
        { type: "any", conditions: [{ type: "value", metric: "lastNps", op: "gte", value: 7 }, { type: "not", condition: { type: "trait", field: "npsOptOut", op: "exists" } }] },
        { type: "trait", field: "email", op: "contains", value: "@" },
        { type: "ladderTier", op: "atLeast", tier: "active" },
        { type: "consent", purpose: "marketing", granted: true },
        { type: "trait", field: "tags", op: "contains", value: "beta" },
        { type: "firstPerformed", interaction: "purchase", op: "before", value: firstBefore },
        { type: "performed", interaction: "purchase", op: "atMost", times: 1000 },
      ],
    },
  };
  // The same rule in JsonLogic; relative dates become constants computed from NOW, as a developer would write them.
  const v = (path) => ({ var: path });
  const rule = {
    and: [
      { or: [{ "==": [v("traits.plan"), "pro"] }, { "==": [v("traits.plan"), "team"] }, { "===": [v("traits.vip"), true] }] },
      { ">=": [v("traits.age"), 18] },
      { "<=": [v("traits.age"), 80] },
      { "!": { in: [v("traits.country"), ["XX", "YY"]] } },
      { ">=": [v("interactions.purchase.count"), 2] },
      { ">=": [v("interactions.session.count"), 2] },
      { and: [{ ">": [v("interactions.session.last"), NOW - 90 * DAY] }, { "<=": [v("interactions.session.last"), NOW] }] },
      { "<=": [v("traits.signup"), NOW - 7 * DAY] },
      { ">=": [v("values.clv"), 50] },
      { ">": [v("values.pAlive"), 0.2] },
      { or: [{ ">=": [v("values.lastNps"), 7] }, { "==": [v("traits.npsOptOut"), null] }] },
      { in: ["@", v("traits.email")] },
      { in: [v("tier"), ["active", "advocate"]] },
      { "===": [v("consent.marketing"), true] },
      { in: ["beta", v("traits.tags")] },
      { "<": [v("interactions.purchase.first"), Date.parse(firstBefore)] },
      { "<=": [v("interactions.purchase.count"), 1000] },
    ],
  };
  const predicate = compileSegment(definition);
  const runEk = () => {
    let c = 0;
    for (let i = 0; i < N; i++) if (predicate(profiles[i], NOW)) c++;
    return c;
  };
  const runJl = () => {
    let c = 0;
    for (let i = 0; i < N; i++) if (jsonLogic.apply(rule, profiles[i])) c++;
    return c;
  };
  // Agreement first (also the warm-up of both).
  let disagree = 0;
  for (let i = 0; i < N; i += 7) if (predicate(profiles[i], NOW) !== Boolean(jsonLogic.apply(rule, profiles[i]))) disagree++;
  const ekHeap = withHeapGrowth(runEk);
  const ekRun = await measure("engagekit compiled predicate", ekHeap.fn, { runs: 7, warmup: 0 });
  const jlRun = await measure("json-logic-js", runJl, { runs: 3, warmup: 0 });
  const ek = ekRun.ms;
  const jl = jlRun.ms;
  const ekCount = ekRun.out;
  const jlCount = jlRun.out;
  const M = N >= 1e6 ? `${N / 1e6}M` : N.toLocaleString("en");
  console.log(`segments: ${M} profiles × 20-condition definition: engagekit ${ek.toFixed(1)} ms (${(N / ek / 1000).toFixed(2)} M profiles/s), json-logic-js ${jl.toFixed(1)} ms (${(N / jl / 1000).toFixed(3)} M/s); throughput ×${(jl / ek).toFixed(1)}; members ${ekCount} vs ${jlCount}; disagreements on every 7th profile: ${disagree}`);
  if (disagree > 0 || ekCount !== jlCount) process.exitCode = 1;
  const ratio = ek / jl;
  emit({
    key: "segments.eval",
    workload: `segments: ${M} profiles × 20-condition definition (compiled predicate)`,
    engagekit: round(ek, 2),
    peer: "json-logic-js",
    peerValue: round(jl, 2),
    ratio: round(ratio, 4),
    target: "≤ 0.1 (≥ 10× throughput)",
    met: ratio <= 0.1,
    heapGrowthMB: ekHeap.mb(),
    note: `throughput ${(jl / ek).toFixed(1)}×; ${ekCount} members in both (${jlCount} json-logic), ${disagree} disagreements on every 7th profile; ${quick ? runsNote(1) : "median of 7 (engagekit) and 3 (json-logic) runs after an agreement pass over every 7th profile as warm-up"}; peak RSS covers both in one process (the profiles dominate)`,
  });
  profiles.length = 0;
  gc();
}

// ---------------------------------------------------------------------------------------------
// 2. Incremental membership: per-event latency with 100 segments, at 10k and 1M customers
//    (quick: 10k and 100k customers, 20k events, one run, no warm-up)
// ---------------------------------------------------------------------------------------------
if (selected("segments.incremental.10k") || selected("segments.incremental.1m")) {
  const rnd = mulberry32(7);
  const pickI = (n) => Math.floor(rnd() * n);
  const TYPES = Array.from({ length: 10 }, (_, i) => `i${i}`);
  const FIELDS = Array.from({ length: 30 }, (_, i) => `f${i}`);
  const leaf = () => {
    switch (pickI(6)) {
      case 0:
        return { type: "trait", field: FIELDS[pickI(30)], op: "gte", value: pickI(100) };
      case 1:
        return { type: "trait", field: FIELDS[pickI(30)], op: "in", values: [pickI(100), pickI(100), pickI(100)] };
      case 2:
        return { type: "performed", interaction: TYPES[pickI(10)], op: "atLeast", times: 1 + pickI(5) };
      case 3:
        return { type: "performed", interaction: TYPES[pickI(10)], op: "atLeast", times: 1 + pickI(3), withinDays: 7 + pickI(90) };
      case 4:
        return { type: "lastPerformed", interaction: TYPES[pickI(10)], op: "withinLast", days: 7 + pickI(90) };
      default:
        return { type: "value", metric: "clv", op: "gte", value: pickI(1000) };
    }
  };
  const definitions = Array.from({ length: 100 }, (_, s) => ({
    id: `seg${s}`,
    condition: { type: "all", conditions: [leaf(), { type: "any", conditions: [leaf(), leaf()] }, { type: "not", condition: leaf() }] },
  }));
  const membership = createSegmentMembership(definitions);
  console.log(`segments: 100 segments, ${membership.timedSegments.length} with time-dependent conditions`);

  // 10k distinct customer templates; larger populations reuse them (profiles are immutable values, so sharing
  // is safe) but every customer gets its own membership state, and events replace that customer's profile.
  const TEMPLATES = 10_000;
  const templates = [];
  const templateStates = [];
  for (let i = 0; i < TEMPLATES; i++) {
    const traits = {};
    for (let k = 0; k < 6; k++) traits[FIELDS[pickI(30)]] = pickI(100);
    const interactions = {};
    for (let k = 0; k < 2; k++) {
      const t = NOW - (1 + pickI(60)) * DAY;
      interactions[TYPES[pickI(10)]] = { count: 1, first: t, last: t, times: [t] };
    }
    templates.push({ id: `t${i}`, traits, interactions, values: { clv: pickI(1000) } });
    templateStates.push(membership.evaluate(templates[i], NOW));
  }
  const makeCustomers = (n) => {
    const profiles = new Array(n);
    const states = new Array(n);
    for (let i = 0; i < n; i++) {
      profiles[i] = templates[i % TEMPLATES];
      const s = templateStates[i % TEMPLATES];
      states[i] = { member: s.member.slice(), due: s.due.slice(), nextCheckAt: s.nextCheckAt };
    }
    return { profiles, states };
  };
  // Every measured run starts from the same per-customer distribution (template profiles and their states,
  // copied in place), so the 10k and 1M populations differ only in size, not in how much history each has.
  const reset = (customers) => {
    const { profiles, states } = customers;
    for (let i = 0; i < profiles.length; i++) {
      profiles[i] = templates[i % TEMPLATES];
      const s = templateStates[i % TEMPLATES];
      const st = states[i];
      st.member.set(s.member);
      st.due.set(s.due);
      st.nextCheckAt = s.nextCheckAt;
    }
  };
  const EVENTS = pick(200_000, 20_000);
  const events = Array.from({ length: EVENTS }, () => ({ u: rnd(), kind: rnd() < 0.7 ? "interaction" : "trait", type: TYPES[pickI(10)], field: FIELDS[pickI(30)], value: pickI(100) }));
  const run = (customers, mode) => {
    const n = customers.profiles.length;
    reset(customers);
    // Events arrive one second apart (200k events ≈ 2.3 days, so some time-based segments expire during a run).
    let now = NOW;
    let changed = 0;
    const t = performance.now();
    for (let e = 0; e < EVENTS; e++) {
      const ev = events[e];
      const c = Math.floor(ev.u * n);
      now += 1000;
      let p = customers.profiles[c];
      let change;
      if (ev.kind === "interaction") {
        p = recordInteraction(p, ev.type, now, { keepDays: 30 });
        change = { kind: "interaction", interaction: ev.type };
      } else {
        p = { ...p, traits: { ...p.traits, [ev.field]: ev.value } };
        change = { kind: "trait", field: ev.field };
      }
      customers.profiles[c] = p;
      if (mode === "profile") {
        changed += change.kind.length > 0 ? 0 : 1;
      } else if (mode === "incremental") {
        const d = membership.update(customers.states[c], p, change, now);
        changed += d.entered.length + d.exited.length;
      } else {
        const s = membership.evaluate(p, now);
        const st = customers.states[c];
        st.member.set(s.member);
        st.due.set(s.due);
        st.nextCheckAt = s.nextCheckAt;
        changed += s.nextCheckAt > 0 ? 0 : 1;
      }
    }
    return { ms: performance.now() - t, changed };
  };
  const results = {};
  const BIG = pick(1_000_000, 100_000);
  for (const n of [10_000, BIG]) {
    gc();
    const t0 = performance.now();
    const customers = makeCustomers(n);
    const build = performance.now() - t0;
    if (!quick) run(customers, "incremental"); // warm-up
    const inc = [];
    const full = [];
    const prof = [];
    for (let r = 0; r < (quick ? 1 : 3); r++) {
      prof.push(run(customers, "profile").ms);
      inc.push(run(customers, "incremental").ms);
      full.push(run(customers, "full").ms);
    }
    results[n] = { inc: median(inc), full: median(full), prof: median(prof) };
    const us = (ms) => ((ms * 1000) / EVENTS).toFixed(2);
    console.log(`segments: ${n} customers (states built in ${build.toFixed(0)} ms): profile update alone ${us(median(prof))} µs/event; profile + incremental membership ${us(median(inc))} µs/event (membership ≈ ${us(median(inc) - median(prof))} µs); profile + full recompute of 100 segments ${us(median(full))} µs/event`);
  }
  const a = results[10_000];
  const b = results[BIG];
  const us = (ms) => round((ms * 1000) / EVENTS, 3);
  const bigLabel = BIG >= 1e6 ? `${BIG / 1e6}M` : `${BIG / 1000}k`;
  const how = quick ? runsNote(1) : "median of 3 (interleaved with the profile-only and full-recompute runs) after 1 warm-up";
  emit({
    key: "segments.incremental.10k",
    workload: "segments: incremental update per event, 100 segments, 10k customers",
    unit: "µs/event",
    engagekit: us(a.inc),
    peer: "full recompute of 100 segments",
    peerValue: us(a.full),
    ratio: round(a.inc / a.full, 4),
    target: null,
    met: null,
    note: `${us(a.inc)} µs/event over ${EVENTS} events incl. the profile update (${us(a.prof)} µs of it); ${how}; peak RSS includes the ${bigLabel}-customer population built after this one (same process)`,
  });
  const growth = b.inc / a.inc;
  emit({
    key: "segments.incremental.1m",
    workload: `segments: incremental update per event, 100 segments, ${bigLabel} customers`,
    unit: "µs/event",
    engagekit: us(b.inc),
    peer: "same at 10k customers",
    peerValue: us(a.inc),
    ratio: round(growth),
    target: "≈ 1 (independent of customer count; met if ≤ 1.25)",
    met: growth <= 1.25,
    note: `${us(b.inc)} µs/event at ${bigLabel} vs ${us(a.inc)} at 10k (membership part ${us(b.inc - b.prof)} vs ${us(a.inc - a.prof)} µs); ${how}`,
  });
  gc();
}

// ---------------------------------------------------------------------------------------------
// 3. RFM on Online Retail vs the same quintiles in DuckDB SQL (NTILE)
// ---------------------------------------------------------------------------------------------
const retail = selected("segments.rfm") ? cleanedOnlineRetail() : null;
if (retail) {
  const n = retail.n;
  const { customer, invoice: order, time } = retail;
  const amount = new Float64Array(n);
  let maxT = -Infinity;
  for (let j = 0; j < n; j++) {
    amount[j] = Math.round(retail.quantity[j] * retail.unitPrice[j] * 100);
    if (time[j] > maxT) maxT = time[j];
  }
  const asOf = maxT + DAY;
  const tx = { customer, order, time, amount };
  const ek = () => {
    const c = rfmFromTransactions(tx, { asOf });
    return { c, s: rfmScores(c, { ties: "split" }) };
  };
  const dir = mkdtempSync(join(tmpdir(), "engagekit-rfm-bench-"));
  const csv = join(dir, "tx.csv");
  writeCsv(csv, "customer,invoice,t,cents", n, (j) => `${customer[j]},${order[j]},${time[j]},${amount[j]}`);
  const con = await (await DuckDBInstance.create(":memory:")).connect();
  await con.run(`CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', header = true, columns = {'customer': 'INTEGER', 'invoice': 'INTEGER', 't': 'DOUBLE', 'cents': 'DOUBLE'})`);
  rmSync(dir, { recursive: true, force: true });
  const sql = `
    WITH c AS (SELECT customer, (${asOf} - max(t)) / ${DAY}.0 AS recency, count(DISTINCT invoice)::DOUBLE AS frequency, sum(cents) AS monetary FROM tx GROUP BY customer)
    SELECT customer,
      (NTILE(5) OVER (ORDER BY recency DESC, customer))::INTEGER AS r,
      (NTILE(5) OVER (ORDER BY frequency, customer))::INTEGER AS f,
      (NTILE(5) OVER (ORDER BY monetary, customer))::INTEGER AS m
    FROM c ORDER BY customer`;
  const duck = async () => (await con.runAndReadAll(sql)).getColumnsJS();
  // Agreement and warm-up.
  const mine = ek();
  const theirs = await duck();
  let mismatches = 0;
  for (let i = 0; i < mine.c.customers.length; i++) {
    if (mine.c.customers[i] !== theirs[0][i] || mine.s.r[i] !== theirs[1][i] || mine.s.f[i] !== theirs[2][i] || mine.s.m[i] !== theirs[3][i]) mismatches++;
  }
  if (mismatches > 0) process.exitCode = 1;
  // Interleaved (engagekit, DuckDB, engagekit with segment names). No forced GC before a call: right
  // after a full collection V8's external-memory limit sits low, so the call's typed arrays trigger
  // another full collection inside the timed region (measured 29.7 ms vs 8.5 ms for the same call).
  const ekHeap = withHeapGrowth(ek);
  const ekTimes = [];
  const duckTimes = [];
  const fullTimes = [];
  const timed = async (fn, into) => {
    const t = performance.now();
    await fn();
    into.push(performance.now() - t);
  };
  for (let r = 0; r < (quick ? 1 : 9); r++) {
    await timed(ekHeap.fn, ekTimes);
    await timed(duck, duckTimes);
    await timed(() => rfmAnalysis(tx, { asOf, ties: "split" }), fullTimes);
  }
  const e = median(ekTimes);
  const d = median(duckTimes);
  console.log(`segments: RFM on ${retail.label}, ${mine.c.customers.length} customers: engagekit ${e.toFixed(2)} ms (aggregate + NTILE scores), with segment names ${median(fullTimes).toFixed(2)} ms; DuckDB SQL ${d.toFixed(2)} ms; score mismatches ${mismatches}`);
  const ratio = e / d;
  emit({
    key: "segments.rfm",
    workload: `segments: RFM quintiles on ${retail.label} → ${mine.c.customers.length.toLocaleString("en")} customers`,
    engagekit: round(e),
    peer: "duckdb",
    peerValue: round(d),
    ratio: round(ratio),
    target: "≤ 1.0",
    met: ratio <= 1,
    heapGrowthMB: ekHeap.mb(),
    note: `group-by + 3 × NTILE(5); ${mismatches} score mismatches; ${quick ? runsNote(1) : "median of 9 interleaved runs after an agreement pass as warm-up"}; with segment names (rfmAnalysis) ${median(fullTimes).toFixed(2)} ms; DuckDB time includes reading the result into JS columns; engagekit heap growth of one call ${ekHeap.mb()} MB; peak RSS is this process's so far: engagekit, duckdb, the loaded file and the earlier workloads of segments.bench.mjs`,
  });
}
