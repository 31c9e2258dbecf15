import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IdentityGraph } from "../src/identity/IdentityGraph.js";
import { computeFunnel } from "../src/journey/computeFunnel.js";
import type { IdentifierRef } from "../src/identity/IdentifierRef.js";
import { normalizeIdentifier } from "../src/identity/normalizeIdentifier.js";
import type { Interaction } from "../src/journey/Interaction.js";

const email = (value: string): IdentifierRef => ({ kind: "email", value });
const device = (value: string): IdentifierRef => ({ kind: "deviceId", value });
const user = (value: string): IdentifierRef => ({ kind: "userId", value });
const phone = (value: string): IdentifierRef => ({ kind: "phone", value });

function interaction(id: string, customer: IdentifierRef, identifiers: IdentifierRef[] = [], t = 0): Interaction {
  return { id, customer, identifiers, timestamp: t, touchpoint: "web_page", channel: "web", type: "page_view" };
}

/** Profiles as a canonical value: sorted identifier keys with sorted interaction ids. */
function partition(g: IdentityGraph): string[] {
  return g
    .profiles()
    .map((p) => JSON.stringify([p.identifiers.map((i) => `${i.kind}:${i.value}`).sort(), p.interactions.map((i) => i.id).sort()]))
    .sort();
}

describe("IdentityGraph", () => {
  it("should stitch web and chat into one customer named by the most trusted identifier", () => {
    const g = new IdentityGraph();
    g.addInteraction(interaction("e1", device("d1"), [email("Ana@Example.com")]));
    g.addInteraction(interaction("e2", device("chat-7"), [phone("+49 30 1234")]));
    const r = g.addInteraction(interaction("e3", user("42"), [email("ana@example.com "), phone("+4930-1234")]));
    expect(r.merges.map((m) => m.profiles)).toEqual([
      ["userId:42", "email:ana@example.com"],
      ["userId:42", "phone:+49301234"],
    ]);
    expect(g.size).toBe(1);
    expect(g.profileOf(device("chat-7"))).toBe("userId:42");
    expect(g.profile("userId:42")!.interactions.map((i) => i.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("should refuse a merge that would give one profile two userIds (default limit 1)", () => {
    const g = new IdentityGraph();
    g.observe([user("1"), email("shared@family.org")]);
    const r = g.observe([user("2"), email("shared@family.org")]);
    expect(r.merges).toEqual([]);
    expect(r.refused).toEqual([{ observation: 1, identifier: email("shared@family.org"), reason: "limit", kind: "userId" }]);
    expect(g.profileOf(user("1"))).not.toBe(g.profileOf(user("2")));
  });

  it("should never merge through a blocked value, of one kind or of any kind", () => {
    const g = new IdentityGraph({ blocked: [{ kind: "email", value: "Support@Shop.com" }, { value: "000000" }] });
    g.observe([device("a"), email("support@shop.com")]);
    g.observe([device("b"), email("support@shop.com")]);
    g.observe([device("c"), phone("000000")]);
    g.observe([device("d"), phone("000000")]);
    expect(new Set(["a", "b", "c", "d"].map((d) => g.profileOf(device(d)))).size).toBe(4);
    expect(g.refused().filter((r) => r.reason === "blocked")).toHaveLength(4);
  });

  it("should restore both profiles and their interactions on unmerge, and log the undo", () => {
    const g = new IdentityGraph();
    g.addInteraction(interaction("e1", device("d1"), [email("a@x.com")]));
    g.addInteraction(interaction("e2", user("7"), [phone("555")]));
    const before = partition(g);
    const r = g.addInteraction(interaction("e3", phone("555"), [email("a@x.com")]));
    expect(g.size).toBe(1);
    const [a, b] = g.unmerge(r.merges[0]!.id);
    expect(a).not.toBe(b);
    // e3 stays with the identifier it was recorded under (phone 555 → the userId 7 profile)
    expect(partition(g)).toEqual(
      [...before.filter((p) => !p.includes("userId:7")), JSON.stringify([["phone:555", "userId:7"], ["e2", "e3"]])].sort(),
    );
    expect(g.merges().find((m) => m.id === r.merges[0]!.id)!.undone).toBe(true);
    expect(() => g.unmerge(r.merges[0]!.id)).toThrow(/active merge/);
  });

  it("should anchor observations and name profiles by the configured priorities", () => {
    const byDefault = new IdentityGraph();
    byDefault.observe([device("d1"), email("a@x.com"), user("7")]);
    expect(byDefault.profileOf(device("d1"))).toBe("userId:7");
    const emailFirst = new IdentityGraph({ priorities: ["email", "userId", "deviceId"] });
    const r = emailFirst.observe([device("d1"), email("a@x.com"), user("7")]);
    expect(r.profileId).toBe("email:a@x.com");
    expect(r.merges.map((m) => m.via[0])).toEqual([email("a@x.com"), email("a@x.com")]);
    // unlisted kinds rank last: a phone never names a profile that has an email
    emailFirst.observe([phone("555"), email("a@x.com")]);
    expect(emailFirst.profileOf(phone("555"))).toBe("email:a@x.com");
  });

  it("should refuse bad limits", () => {
    expect(() => new IdentityGraph({ limits: { userId: 0 } })).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION", path: ["options", "limits", "userId"] }));
  });

  it("should normalise emails and phones and reject empty identifiers", () => {
    expect(normalizeIdentifier(phone("+49 (30) 1234-5"))).toEqual(phone("+493012345"));
    expect(() => normalizeIdentifier(email("  "))).toThrow(/non-empty kind and value/);
    expect(() => new IdentityGraph().observe([])).toThrow(/at least one identifier/);
  });
});

// Random observations over a small identifier universe so that links collide.
const refArb = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((i) => email(`e${i}@x.com`)),
  fc.integer({ min: 0, max: 5 }).map((i) => phone(`${100 + i}`)),
  fc.integer({ min: 0, max: 5 }).map((i) => device(`d${i}`)),
);
const obsArb = fc.array(fc.array(refArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 14 });

/** Oracle: connected components of the identifiers each observation lists, blocked ones left alone. */
function components(log: IdentifierRef[][], blocked: (r: IdentifierRef) => boolean): string[] {
  const key = (r: IdentifierRef) => `${r.kind}:${r.value}`;
  const adj = new Map<string, Set<string>>();
  const add = (a: string) => adj.get(a) ?? (adj.set(a, new Set()), adj.get(a)!);
  for (const obs of log) {
    obs.forEach((r) => add(key(r)));
    const live = obs.filter((r) => !blocked(r)).map(key);
    for (const a of live) for (const b of live) if (a !== b) add(a).add(b);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const start of adj.keys()) {
    if (seen.has(start)) continue;
    const comp: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const v = stack.pop()!;
      comp.push(v);
      for (const w of adj.get(v)!) if (!seen.has(w)) (seen.add(w), stack.push(w));
    }
    out.push(JSON.stringify([comp.sort(), []]));
  }
  return out.sort();
}

describe("IdentityGraph laws (fast-check)", () => {
  test.prop([obsArb, fc.array(refArb, { minLength: 2, maxLength: 3 })])("should return to the same profiles after merge then unmerge", (log, extra) => {
    const g = new IdentityGraph({ limits: { phone: 2 } });
    log.forEach((ids, i) => g.addInteraction(interaction(`i${i}`, ids[0]!, ids.slice(1))));
    for (const r of extra) g.observe([r]); // make sure the extra identifiers exist before the snapshot
    const before = partition(g);
    const r = g.observe(extra);
    for (const m of [...r.merges].reverse()) g.unmerge(m.id);
    expect(partition(g)).toEqual(before);
  });

  test.prop([obsArb.chain((log) => fc.tuple(fc.constant(log), fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length })))])(
    "should stitch the same profiles whatever the order of the observations (no limits)",
    ([log, shuffled]) => {
      const a = new IdentityGraph({ limits: {} });
      const b = new IdentityGraph({ limits: {} });
      log.forEach((ids) => a.observe(ids));
      shuffled.forEach((ids) => b.observe(ids));
      expect(partition(b)).toEqual(partition(a));
      expect(partition(a)).toEqual(components(log, () => false));
    },
  );

  test.prop([obsArb, fc.integer({ min: 0, max: 5 })])("should never merge two profiles through a blocked identifier", (log, k) => {
    const blockedEmail = `e${k}@x.com`;
    const g = new IdentityGraph({ limits: {}, blocked: [{ kind: "email", value: blockedEmail }] });
    log.forEach((ids) => g.observe(ids));
    expect(partition(g)).toEqual(components(log, (r) => r.kind === "email" && r.value === blockedEmail));
    const p = g.profiles().find((x) => x.identifiers.some((i) => i.value === blockedEmail));
    if (p !== undefined) expect(p.identifiers).toHaveLength(1);
  });

  test.prop([obsArb.map((log) => log.map((ids, i) => [user(`u${i % 4}`), ...ids]))])("should never put two userIds in one profile", (log) => {
    const g = new IdentityGraph();
    log.forEach((ids) => g.observe(ids));
    for (const p of g.profiles()) expect(p.identifiers.filter((i) => i.kind === "userId").length).toBeLessThanOrEqual(1);
  });
});

describe("stitched journeys", () => {
  it("should make a web visit and a chat purchase one customer's funnel once identities are stitched", () => {
    const web: Interaction = { id: "w1", customer: device("browser-1"), identifiers: [email("ana@x.com")], timestamp: 0, touchpoint: "product_page", channel: "web", type: "product_view" };
    const chat: Interaction = { id: "c1", customer: { kind: "externalId", value: "chat-99" }, identifiers: [email("Ana@X.com")], timestamp: 60_000, touchpoint: "chat_widget", channel: "chat", type: "purchase" };
    const g = new IdentityGraph();
    for (const it of [web, chat]) g.addInteraction(it);
    const def = { steps: [{ id: "view", match: { type: "product_view" } }, { id: "buy", match: { type: "purchase" } }], windowMs: 86_400_000 };
    expect(computeFunnel([web, chat], def).steps.map((s) => s.count)).toEqual([1, 0]);
    const stitched = computeFunnel([web, chat], def, { customerKey: (i) => g.profileOf(i.customer)! });
    expect(stitched.steps.map((s) => s.count)).toEqual([1, 1]);
    expect(stitched.customers).toBe(1);
    expect(g.profile(g.profileOf(web.customer)!)!.interactions.map((i) => i.channel)).toEqual(["web", "chat"]);
  });
});
