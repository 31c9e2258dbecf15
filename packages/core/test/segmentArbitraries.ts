// Shared arbitraries and the reference interpreter (the oracle) for segment tests.
// The oracle is written from the documented semantics, independently of the compiler:
// a plain recursive walk with no closures, sets or binary searches.
import { fc } from "@fast-check/vitest";
import type { InteractionHistory, Profile, SegmentCondition, SegmentDefinition } from "../src/segments/index.js";

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);
export const FIELDS = ["plan", "age", "vip", "tags", "signup", "email"] as const;
export const INTERACTIONS = ["purchase", "session", "review"] as const;

const iso = (t: number): string => new Date(t).toISOString();
const dateArb = fc.integer({ min: -400, max: 60 }).map((d) => iso(T0 + d * DAY));
const daysArb = fc.integer({ min: 1, max: 120 });
const primitive = fc.oneof(fc.constantFrom("free", "pro", "team", "a@x.com"), fc.integer({ min: 0, max: 100 }), fc.boolean());

const traitLeaf: fc.Arbitrary<SegmentCondition> = fc.oneof(
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom(...FIELDS), op: fc.constant("equals" as const), value: primitive }),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom(...FIELDS), op: fc.constant("in" as const), values: fc.array(primitive, { maxLength: 4 }) }),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom(...FIELDS), op: fc.constant("contains" as const), value: fc.constantFrom<string | number>("pr", "x", "gold", 3) }),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom(...FIELDS), op: fc.constant("matches" as const), pattern: fc.constantFrom("^p", "@x\\.com$", "[0-9]+", "^(free|team)$"), flags: fc.constantFrom<"" | "i">("", "i") }),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom(...FIELDS), op: fc.constant("exists" as const) }),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom(...FIELDS), op: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const), value: fc.integer({ min: 0, max: 100 }) }),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 50 })).map(([min, w]) => ({ type: "trait" as const, field: "age", op: "between" as const, min, max: min + w })),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom("signup", "age"), op: fc.constantFrom("before" as const, "after" as const), value: dateArb }),
  fc.tuple(fc.integer({ min: -400, max: 0 }), fc.integer({ min: 0, max: 200 })).map(([a, w]) => ({ type: "trait" as const, field: "signup", op: "dateBetween" as const, from: iso(T0 + a * DAY), to: iso(T0 + (a + w) * DAY) })),
  fc.record({ type: fc.constant("trait" as const), field: fc.constantFrom("signup", "plan"), op: fc.constantFrom("withinLast" as const, "moreThanAgo" as const, "withinNext" as const), days: daysArb }),
);

const behaviourLeaf: fc.Arbitrary<SegmentCondition> = fc.oneof(
  fc.record(
    { type: fc.constant("performed" as const), interaction: fc.constantFrom(...INTERACTIONS), op: fc.constantFrom("atLeast" as const, "atMost" as const, "exactly" as const), times: fc.integer({ min: 0, max: 4 }), withinDays: daysArb },
    { requiredKeys: ["type", "interaction", "op", "times"] },
  ),
  fc.record({ type: fc.constantFrom("firstPerformed" as const, "lastPerformed" as const), interaction: fc.constantFrom(...INTERACTIONS), op: fc.constantFrom("before" as const, "after" as const), value: dateArb }),
  fc.record({ type: fc.constantFrom("firstPerformed" as const, "lastPerformed" as const), interaction: fc.constantFrom(...INTERACTIONS), op: fc.constantFrom("withinLast" as const, "moreThanAgo" as const), days: daysArb }),
);

const valueLeaf: fc.Arbitrary<SegmentCondition> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom<[string, readonly number[]]>(["clv", [0, 0.5, 3, 1000]], ["pAlive", [0, 0.5, 1]], ["lastNps", [0, 6, 9, 10]], ["rfm.r", [1, 3, 5]], ["metrics.churnRisk", [0, 1, 3]]),
      fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const, "equals" as const),
      fc.nat(),
    )
    .map(([[metric, xs], op, k]) => ({ type: "value" as const, metric, op, value: xs[k % xs.length] as number })),
  fc.record({ type: fc.constant("value" as const), metric: fc.constantFrom("clv", "rfm.f"), op: fc.constant("between" as const), min: fc.constantFrom(1, 2), max: fc.constantFrom(3, 5) }),
  fc.record({ type: fc.constant("rfmSegment" as const), segments: fc.subarray(["Champions", "Loyal", "Lost", "At Risk"], { minLength: 1 }) }),
  fc.record({ type: fc.constant("ladderTier" as const), op: fc.constantFrom("is" as const, "atLeast" as const, "atMost" as const), tier: fc.constantFrom("passive" as const, "active" as const, "advocate" as const) }),
  fc.record(
    { type: fc.constant("consent" as const), purpose: fc.constantFrom("marketing", "analytics"), channel: fc.constantFrom("email", "sms"), granted: fc.boolean() },
    { requiredKeys: ["type", "purpose", "granted"] },
  ),
  fc.constantFrom<SegmentCondition>({ type: "inSegment", segmentId: "ref-buyers" }, { type: "inSegment", segmentId: "ref-pro" }),
);

/** Random condition trees over every built-in kind, including empty all / any. */
export const conditionArb: fc.Arbitrary<SegmentCondition> = fc.letrec<{ node: SegmentCondition }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    traitLeaf,
    behaviourLeaf,
    valueLeaf,
    fc.record({ type: fc.constant("all" as const), conditions: fc.array(tie("node"), { maxLength: 4 }) }),
    fc.record({ type: fc.constant("any" as const), conditions: fc.array(tie("node"), { maxLength: 4 }) }),
    fc.record({ type: fc.constant("not" as const), condition: tie("node") }),
  ),
})).node;

/** Segments that `inSegment` leaves of {@link conditionArb} reference. */
export const referencedSegments: readonly SegmentDefinition[] = [
  { id: "ref-buyers", condition: { type: "performed", interaction: "purchase", op: "atLeast", times: 2, withinDays: 60 } },
  { id: "ref-pro", condition: { type: "any", conditions: [{ type: "trait", field: "plan", op: "equals", value: "pro" }, { type: "inSegment", segmentId: "ref-buyers" }] } },
];

const timesArb = fc.array(fc.integer({ min: -300, max: 20 }).map((d) => T0 + d * DAY + 3_600_000), { maxLength: 6 }).map((xs) => [...xs].sort((a, b) => a - b));
const historyArb: fc.Arbitrary<InteractionHistory | undefined> = fc.option(
  fc.tuple(timesArb, fc.integer({ min: 0, max: 3 })).map(([times, extra]): InteractionHistory =>
    times.length === 0 ? { count: extra } : { count: times.length + extra, first: times[0] as number, last: times[times.length - 1] as number, times },
  ),
  { nil: undefined },
);

const traitValueArb = fc.oneof(primitive, fc.constant(null), fc.array(fc.constantFrom("gold", "beta", "x"), { maxLength: 3 }), fc.integer({ min: -420, max: 80 }).map((d) => T0 + d * DAY), dateArb);

/** Random profiles, with traits of any type (including the wrong one) and partial histories. */
export const profileArb: fc.Arbitrary<Profile> = fc
  .record({
    traits: fc.dictionary(fc.constantFrom(...FIELDS), traitValueArb, { maxKeys: 6 }),
    purchase: historyArb,
    session: historyArb,
    review: historyArb,
    clv: fc.option(fc.constantFrom(0, 0.5, 2, 3, 1000), { nil: undefined }),
    pAlive: fc.option(fc.constantFrom(0, 0.5, 1), { nil: undefined }),
    lastNps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    rfm: fc.option(fc.record({ r: fc.integer({ min: 1, max: 5 }), f: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 5 }), segment: fc.constantFrom("Champions", "Lost", "New") }), { nil: undefined }),
    churnRisk: fc.option(fc.constantFrom(0, 1, 3), { nil: undefined }),
    tier: fc.option(fc.constantFrom("passive" as const, "active" as const, "advocate" as const), { nil: undefined }),
    consent: fc.dictionary(fc.constantFrom("marketing", "marketing:email", "analytics:sms"), fc.boolean(), { maxKeys: 3 }),
  })
  .map((r): Profile => {
    const interactions: Record<string, InteractionHistory> = {};
    for (const k of INTERACTIONS) if (r[k] !== undefined) interactions[k] = r[k];
    const values = {
      ...(r.clv === undefined ? {} : { clv: r.clv }),
      ...(r.pAlive === undefined ? {} : { pAlive: r.pAlive }),
      ...(r.lastNps === undefined ? {} : { lastNps: r.lastNps }),
      ...(r.rfm === undefined ? {} : { rfm: r.rfm }),
      ...(r.churnRisk === undefined ? {} : { metrics: { churnRisk: r.churnRisk } }),
    };
    return { id: "c", traits: r.traits, interactions, values, ...(r.tier === undefined ? {} : { tier: r.tier }), consent: r.consent };
  });

export const nowArb = fc.integer({ min: -200, max: 40 }).map((d) => T0 + d * DAY);

function dateOf(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") return Date.parse(v);
  return Number.NaN;
}

function metric(p: Profile, name: string): number | undefined {
  const v = p.values;
  if (name === "rfm.r") return v?.rfm?.r;
  if (name === "rfm.f") return v?.rfm?.f;
  if (name === "rfm.m") return v?.rfm?.m;
  if (name.startsWith("metrics.")) return v?.metrics?.[name.slice(8)];
  return (v as Record<string, number | undefined> | undefined)?.[name];
}

function cmp(op: string, a: number, b: number): boolean {
  if (op === "gt") return a > b;
  if (op === "gte") return a >= b;
  if (op === "lt") return a < b;
  if (op === "lte") return a <= b;
  return a === b;
}

const RANK = { passive: 0, active: 1, advocate: 2 } as const;

/** The oracle: a direct reading of the documented semantics. */
export function interpret(node: SegmentCondition, p: Profile, now: number, segments: readonly SegmentDefinition[] = referencedSegments): boolean {
  switch (node.type) {
    case "all":
      return node.conditions.every((c) => interpret(c, p, now, segments));
    case "any":
      return node.conditions.some((c) => interpret(c, p, now, segments));
    case "not":
      return !interpret(node.condition, p, now, segments);
    case "inSegment": {
      const target = segments.find((s) => s.id === node.segmentId);
      if (target === undefined) throw new Error(`oracle: unknown segment ${node.segmentId}`);
      return interpret(target.condition, p, now, segments);
    }
    case "trait": {
      const v = p.traits[node.field];
      switch (node.op) {
        case "equals":
          return v === node.value;
        case "in":
          return node.values.some((x) => x === v);
        case "contains":
          if (typeof v === "string") return typeof node.value === "string" && v.indexOf(node.value) >= 0;
          return Array.isArray(v) && v.some((x: unknown) => x === node.value);
        case "matches":
          return typeof v === "string" && new RegExp(node.pattern, node.flags ?? "").test(v);
        case "exists":
          return v !== undefined && v !== null;
        case "gt":
        case "gte":
        case "lt":
        case "lte":
          return typeof v === "number" && cmp(node.op, v, node.value);
        case "between":
          return typeof v === "number" && node.min <= v && v <= node.max;
        case "before":
          return dateOf(v) < Date.parse(node.value);
        case "after":
          return dateOf(v) > Date.parse(node.value);
        case "dateBetween":
          return Date.parse(node.from) <= dateOf(v) && dateOf(v) < Date.parse(node.to);
        case "withinLast":
          return now - node.days * DAY < dateOf(v) && dateOf(v) <= now;
        case "moreThanAgo":
          return dateOf(v) <= now - node.days * DAY;
        case "withinNext":
          return now < dateOf(v) && dateOf(v) <= now + node.days * DAY;
      }
      break;
    }
    case "performed": {
      const h = p.interactions[node.interaction];
      const count = node.withinDays === undefined ? (h?.count ?? 0) : (h?.times ?? []).filter((t) => now - (node.withinDays as number) * DAY < t && t <= now).length;
      return node.op === "atLeast" ? count >= node.times : node.op === "atMost" ? count <= node.times : count === node.times;
    }
    case "firstPerformed":
    case "lastPerformed": {
      const h = p.interactions[node.interaction];
      const t = node.type === "firstPerformed" ? h?.first : h?.last;
      if (t === undefined) return false;
      switch (node.op) {
        case "before":
          return t < Date.parse(node.value);
        case "after":
          return t > Date.parse(node.value);
        case "withinLast":
          return now - node.days * DAY < t && t <= now;
        case "moreThanAgo":
          return t <= now - node.days * DAY;
      }
      break;
    }
    case "value": {
      const v = metric(p, node.metric);
      if (v === undefined) return false;
      return node.op === "between" ? node.min <= v && v <= node.max : cmp(node.op, v, node.value);
    }
    case "rfmSegment":
      return p.values?.rfm?.segment !== undefined && node.segments.includes(p.values.rfm.segment);
    case "ladderTier": {
      const a = RANK[p.tier ?? "passive"];
      const b = RANK[node.tier];
      return node.op === "is" ? a === b : node.op === "atLeast" ? a >= b : a <= b;
    }
    case "consent": {
      // A channel without its own flag falls back to the purpose-wide flag, as isAllowed does.
      const narrow = node.channel === undefined ? undefined : p.consent?.[`${node.purpose}:${node.channel}`];
      return ((narrow ?? p.consent?.[node.purpose]) === true) === node.granted;
    }
  }
  throw new Error(`oracle: unhandled ${JSON.stringify(node)}`);
}
