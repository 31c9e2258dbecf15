// Co-occurrence on the vendored OTTO sample (datasets/otto_sessions_sample: 20 sessions, 862 events; see its
// SOURCE.md): baskets are sessions, items are article ids (aid). The counts of itemCooccurrence (from the CSV
// flattening) are checked against pair counts computed a second, independent way from the original JSONL.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { alsoBought } from "./alsoBought.js";
import { itemCooccurrence, type CooccurrenceModel } from "./itemCooccurrence.js";
import { topSellers } from "./topSellers.js";

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../datasets/otto_sessions_sample");

interface Session { session: number; events: { aid: number; ts: number; type: "clicks" | "carts" | "orders" }[] }

let csvBaskets: Map<string, string[]>;
let sessions: Session[];
let model: CooccurrenceModel;

beforeAll(() => {
  csvBaskets = new Map();
  for (const line of readFileSync(resolve(dir, "otto_train_sample_events.csv"), "utf8").trim().split("\n").slice(1)) {
    const [session, aid] = line.split(",");
    const b = csvBaskets.get(session!) ?? [];
    b.push(aid!);
    csvBaskets.set(session!, b);
  }
  sessions = readFileSync(resolve(dir, "otto_train_sample.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Session);
  model = itemCooccurrence([...csvBaskets.values()]);
});

/** The second way: one map keyed by the sorted pair "x|y", filled from the JSONL sessions' distinct aids. */
function pairCounts(list: Session[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of list) {
    const aids = [...new Set(s.events.map((e) => String(e.aid)))].sort();
    for (let i = 0; i < aids.length; i++) for (let j = i + 1; j < aids.length; j++) out.set(`${aids[i]}|${aids[j]}`, (out.get(`${aids[i]}|${aids[j]}`) ?? 0) + 1);
  }
  return out;
}

describe("OTTO sample co-occurrence (sessions as baskets)", () => {
  it("should count 20 baskets and every pair as the independent count from the JSONL does", () => {
    expect(model.baskets).toBe(20);
    expect(sessions.length).toBe(20);
    const expected = pairCounts(sessions);
    const got = new Map<string, number>();
    for (const [x, row] of Object.entries(model.pairs)) for (const [y, c] of Object.entries(row)) if (x < y) got.set(`${x}|${y}`, c);
    expect(got.size).toBe(expected.size);
    for (const [k, c] of expected) expect(got.get(k)).toBe(c);
    // Symmetry, and item counts = sessions holding the item.
    for (const [x, row] of Object.entries(model.pairs)) for (const [y, c] of Object.entries(row)) expect(model.pairs[y]?.[x]).toBe(c);
    for (const [aid, c] of Object.entries(model.items)) expect(sessions.filter((s) => s.events.some((e) => String(e.aid) === aid)).length).toBe(c);
  });

  it("should rank what was viewed with the most-viewed article by cosine, as recomputed by hand from the JSONL", () => {
    const top = topSellers(model, { limit: 1 })[0]!;
    const holds = (aid: string) => sessions.filter((s) => s.events.some((e) => String(e.aid) === aid));
    const cx = holds(top.item).length;
    expect(top.support).toBe(cx);
    const recs = alsoBought(model, top.item, { minSupport: 2, limit: 50 });
    for (const r of recs) {
      const cy = holds(r.item).length;
      const cxy = holds(r.item).filter((s) => s.events.some((e) => String(e.aid) === top.item)).length;
      expect(r.support).toBe(cxy);
      expect(r.score).toBe(cxy / Math.sqrt(cx * cy));
    }
    for (let i = 1; i < recs.length; i++) expect(recs[i - 1]!.score).toBeGreaterThanOrEqual(recs[i]!.score);
  });

  it("should see the 7 sessions with a cart that SOURCE.md states, as cart baskets", () => {
    const carts = sessions.map((s) => s.events.filter((e) => e.type === "carts").map((e) => String(e.aid))).filter((b) => b.length > 0);
    const m = itemCooccurrence(carts);
    expect(m.baskets).toBe(7);
    expect(new Map(Object.entries(m.pairs).flatMap(([x, row]) => Object.entries(row).filter(([y]) => x < y).map(([y, c]) => [`${x}|${y}`, c])))).toEqual(
      pairCounts(sessions.map((s) => ({ ...s, events: s.events.filter((e) => e.type === "carts") })).filter((s) => s.events.length > 0)),
    );
  });
});
