// Funnel and path results on the vendored OTTO sample (datasets/otto_sessions_sample, 20 sessions,
// 862 events; see its SOURCE.md), checked against numbers counted independently in this file.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeFunnel } from "../src/journey/computeFunnel.js";
import { computeFunnelColumnar } from "../src/journey/computeFunnelColumnar.js";
import type { FunnelDefinition, FunnelMode } from "../src/journey/FunnelDefinition.js";
import type { Interaction } from "../src/journey/Interaction.js";
import { nextTouchpoints } from "../src/journey/nextTouchpoints.js";
import { toInteractionColumns } from "../src/journey/toInteractionColumns.js";
import { topConversionPaths } from "../src/journey/topConversionPaths.js";
import { oracleFunnel } from "./funnelOracle.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const csv = readFileSync(resolve(repoRoot, "datasets/otto_sessions_sample/otto_train_sample_events.csv"), "utf8");
const rows = csv.trim().split("\n").slice(1).map((l) => {
  const [session, aid, ts, type] = l.split(",");
  return { session: session!, aid: aid!, ts: Number(ts), type: type! };
});
const TP: Record<string, string> = { clicks: "product_page", carts: "cart", orders: "checkout" };
const TYPE: Record<string, string> = { clicks: "product_view", carts: "add_to_cart", orders: "purchase" };
const events: Interaction[] = rows.map((r, i) => ({
  id: `otto-${i}`,
  customer: { kind: "externalId", value: r.session },
  timestamp: r.ts,
  touchpoint: TP[r.type]!,
  channel: "web",
  type: TYPE[r.type]!,
  properties: { aid: r.aid },
}));
const DAY = 86_400_000;
const steps = ["product_view", "add_to_cart", "purchase"].map((t) => ({ id: t, match: { type: t } }));

describe("OTTO sample (20 sessions, 862 events)", () => {
  it("should match the counts stated in SOURCE.md", () => {
    expect(rows.length).toBe(862);
    const byType = (t: string) => rows.filter((r) => r.type === t).length;
    expect([byType("clicks"), byType("carts"), byType("orders")]).toEqual([800, 52, 10]);
    // SOURCE.md: "7 sessions have a cart event and 3 have an order" → one-step funnels count sessions.
    const one = (t: string) => computeFunnel(events, { steps: [{ id: t, match: { type: t } }], windowMs: DAY }).steps[0]!.count;
    expect(one("add_to_cart")).toBe(7);
    expect(one("purchase")).toBe(3);
    expect(computeFunnel(events, { steps, windowMs: DAY }).customers).toBe(20);
  });

  for (const mode of ["ordered", "strict", "unordered"] as FunnelMode[]) {
    for (const days of [1 / 24, 1, 7, 28]) {
      it(`should equal the naive oracle: ${mode}, window ${days} d`, () => {
        const def: FunnelDefinition = { steps, windowMs: days * DAY, mode };
        const r = computeFunnel(events, def);
        const o = oracleFunnel(
          events.map((e) => ({ customer: e.customer.value, ts: e.timestamp, steps: steps.map((s) => s.match.type === e.type), excluded: [] })),
          3,
          days * DAY,
          mode,
        );
        expect(r.steps.map((s) => s.count)).toEqual(o.counts);
        expect(r.steps.map((s) => s.timeFromStart)).toEqual(o.times);
        expect(computeFunnelColumnar(toInteractionColumns(events), def).steps).toEqual(r.steps);
      });
    }
  }

  it("should give unordered ≥ ordered ≥ strict and report Wilson intervals around each rate", () => {
    const c = (mode: FunnelMode) => computeFunnel(events, { steps, windowMs: 28 * DAY, mode }).steps.map((s) => s.count);
    const [u, o, s] = [c("unordered"), c("ordered"), c("strict")];
    for (let k = 0; k < 3; k++) {
      expect(u[k]).toBeGreaterThanOrEqual(o[k]!);
      expect(o[k]).toBeGreaterThanOrEqual(s[k]!);
    }
    const r = computeFunnel(events, { steps, windowMs: 28 * DAY });
    const cart = r.steps[1]!;
    expect(cart.conversionFromPrevious).toBe(cart.count / r.entered);
    expect(cart.conversionFromPreviousInterval!.method).toBe("wilson");
  });

  it("should find the next and previous touchpoints of the cart as counted by hand", () => {
    // Independent count: walk each session's rows (file order = time order per SOURCE.md), collapse repeats.
    const paths = new Map<string, string[]>();
    for (const r of rows) {
      const p = paths.get(r.session) ?? [];
      if (p[p.length - 1] !== TP[r.type]) p.push(TP[r.type]!);
      paths.set(r.session, p);
    }
    const expectNext = new Map<string, number>();
    const expectPrev = new Map<string, number>();
    for (const p of paths.values()) {
      p.forEach((tp, i) => {
        if (tp !== "cart") return;
        const n = p[i + 1] ?? "$exit";
        const b = p[i - 1] ?? "$entry";
        expectNext.set(n, (expectNext.get(n) ?? 0) + 1);
        expectPrev.set(b, (expectPrev.get(b) ?? 0) + 1);
      });
    }
    const next = nextTouchpoints(events, "cart");
    expect(new Map(next.map((r) => [r.touchpoint, r.count]))).toEqual(expectNext);
    expect(next.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    const prev = nextTouchpoints(events, "cart", { direction: "previous" });
    expect(new Map(prev.map((r) => [r.touchpoint, r.count]))).toEqual(expectPrev);
  });

  it("should list the paths to the first order, 3 converters as in SOURCE.md", () => {
    const r = topConversionPaths(events, { conversion: { type: "purchase" }, maxLength: 4 });
    expect(r.converters).toBe(3);
    expect(r.paths.reduce((a, p) => a + p.count, 0)).toBe(3);
    for (const p of r.paths) expect(p.path[p.path.length - 1]).toBe("checkout");
    // Independent count over the raw rows.
    const hand = new Map<string, number>();
    const sessions = new Map<string, string[]>();
    const done = new Set<string>();
    for (const row of rows) {
      if (done.has(row.session)) continue;
      const p = sessions.get(row.session) ?? [];
      if (p[p.length - 1] !== TP[row.type]) p.push(TP[row.type]!);
      sessions.set(row.session, p);
      if (row.type === "orders") {
        done.add(row.session);
        const key = JSON.stringify(p.slice(-4));
        hand.set(key, (hand.get(key) ?? 0) + 1);
      }
    }
    expect(new Map(r.paths.map((p) => [JSON.stringify(p.path), p.count]))).toEqual(hand);
  });
});
