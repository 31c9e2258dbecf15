import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { InputError } from "../errors/InputError.js";
import type { ConsentState } from "../consent/ConsentState.js";
import { actionContact } from "./actionContact.js";
import { applyContactPolicy } from "./applyContactPolicy.js";
import type { CustomActionKind } from "./CustomActionKind.js";
import { evaluateTriggers } from "./evaluateTriggers.js";
import type { Trigger } from "./Trigger.js";
import { validateTrigger } from "./validateTrigger.js";
import { validateTriggers } from "./validateTriggers.js";

function caught(f: () => unknown): { code: string; path: readonly (string | number)[]; message: string } | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  return undefined;
}

/** A webhook kind: an https URL, an optional retry count in 0–5, and (its own check) no URL with credentials. */
const webhook: CustomActionKind = {
  kind: "webhook",
  params: {
    type: "object",
    properties: { url: { type: "string", pattern: "^https://" }, retries: { type: "integer", minimum: 0, maximum: 5 } },
    required: ["url"],
    additionalProperties: false,
  },
  check: (params, path) => (String(params.url).includes("@") ? [{ code: "WEBHOOK.CREDENTIALS_IN_URL", path: [...path, "url"], message: "a URL without credentials", value: params.url }] : []),
};
const refs = { actionKinds: [webhook] };
const base = { id: "hook", condition: { kind: "interaction", interactionType: "purchase" }, priority: 1, holdoutShare: 0 };
const hook = (action: Record<string, unknown>) => ({ ...base, action: { type: "custom", kind: "webhook", ...action } });

describe("custom trigger actions", () => {
  it("should accept a registered kind with valid params and return it typed", () => {
    expect(validateTrigger(hook({ params: { url: "https://crm.example/h", retries: 2 } }), refs).action).toEqual({ type: "custom", kind: "webhook", params: { url: "https://crm.example/h", retries: 2 } });
    // With a channel it is a contact: the purpose defaults to marketing (the stricter consent rule).
    expect(validateTrigger(hook({ params: { url: "https://x" }, channel: "sms" }), refs).action).toEqual({ type: "custom", kind: "webhook", params: { url: "https://x" }, channel: "sms", purpose: "marketing" });
    expect(validateTrigger(hook({ params: { url: "https://x" }, channel: "sms", purpose: "service" }), refs).action).toMatchObject({ purpose: "service" });
  });

  it.each([
    ["an unregistered kind", { ...base, action: { type: "custom", kind: "fax", params: {} } }, "JOURNEY.UNKNOWN_REFERENCE", ["action", "kind"]],
    ["a missing kind", { ...base, action: { type: "custom", params: {} } }, "JOURNEY.INVALID_FIELD", ["action", "kind"]],
    ["params that are not an object", hook({ params: "https://x" }), "JOURNEY.INVALID_FIELD", ["action", "params"]],
    ["a missing required param", hook({ params: {} }), "JOURNEY.INVALID_FIELD", ["action", "params", "url"]],
    ["a param of the wrong type", hook({ params: { url: 42 } }), "JOURNEY.INVALID_FIELD", ["action", "params", "url"]],
    ["a param breaking its pattern", hook({ params: { url: "http://x" } }), "JOURNEY.INVALID_FIELD", ["action", "params", "url"]],
    ["a param out of its range", hook({ params: { url: "https://x", retries: 9 } }), "METRIC.OUT_OF_RANGE", ["action", "params", "retries"]],
    ["an unknown param", hook({ params: { url: "https://x", token: "t" } }), "JOURNEY.INVALID_FIELD", ["action", "params", "token"]],
    ["the kind's own check", hook({ params: { url: "https://u:p@x" } }), "WEBHOOK.CREDENTIALS_IN_URL", ["action", "params", "url"]],
    ["an unknown channel", hook({ params: { url: "https://x" }, channel: "fax" }), "JOURNEY.UNKNOWN_REFERENCE", ["action", "channel"]],
    ["a purpose without a channel", hook({ params: { url: "https://x" }, purpose: "service" }), "JOURNEY.INVALID_FIELD", ["action", "channel"]],
    ["an unknown purpose", hook({ params: { url: "https://x" }, channel: "sms", purpose: "spam" }), "JOURNEY.INVALID_FIELD", ["action", "purpose"]],
  ])("should refuse %s with the field's path", (_what, input, code, path) => {
    const e = caught(() => validateTrigger(input, refs));
    expect(e?.code).toBe(code);
    expect(e?.path).toEqual(path);
    // Under a caller's prefix (validateTriggers, an API's input) the path is prefixed.
    expect(caught(() => validateTriggers([input], refs))?.path).toEqual(["triggers", 0, ...path]);
  });

  it("should refuse a custom action when no kind is registered", () => {
    expect(caught(() => validateTrigger(hook({ params: { url: "https://x" } })))).toMatchObject({ code: "JOURNEY.UNKNOWN_REFERENCE", path: ["action", "kind"] });
  });

  it("should fire a custom action without a channel with no consent, and keep it through the contact policy", () => {
    const t = validateTrigger(hook({ params: { url: "https://x" } }), refs);
    const now = Date.parse("2026-12-01T03:00:00Z");
    const r = evaluateTriggers([{ customerId: "c1", interactions: [{ id: "o1", type: "purchase", at: now - 1000 }] }], [t], now);
    expect(r.blocked).toEqual([]);
    expect(r.actions.map((a) => [a.action, a.dedupKey, a.dueBy])).toEqual([[t.action, "hook|c1|interaction:o1", undefined]]);
    // Quiet hours all night and a zero-room cap do not touch internal work.
    const kept = applyContactPolicy(r.actions, { timeZone: "UTC", quietHours: { start: 0, end: 480 }, caps: [{ max: 1, windowDays: 7 }] }, new Map([["c1", { sent: [{ at: now - 1000, channel: "email", purpose: "marketing" }] }]]), now);
    expect(kept.kept.map((k) => k.sendAt)).toEqual([now]);
  });

  it("should need consent for a custom action with a channel, as for a message of its purpose", () => {
    const marketing = validateTrigger(hook({ params: { url: "https://x" }, channel: "sms" }), refs);
    const service = validateTrigger({ ...hook({ params: { url: "https://x" }, channel: "sms", purpose: "service" }), id: "hook-service" }, refs);
    const now = Date.parse("2026-12-01T12:00:00Z");
    const facts = { customerId: "c1", interactions: [{ id: "o1", type: "purchase", at: now - 1000 }] };
    const r = evaluateTriggers([facts], [marketing, service], now);
    expect(r.blocked.map((b) => [b.triggerId, b.consent.rule])).toEqual([["hook", "not-granted"]]);
    expect(r.actions.map((a) => a.triggerId)).toEqual(["hook-service"]);
    const consent: ConsentState = { customerId: "c1", entries: { "marketing:sms": { status: "granted", at: 0, source: "form" } } };
    expect(evaluateTriggers([{ ...facts, consent }], [marketing], now).actions).toHaveLength(1);
  });

  test.prop([
    fc.oneof(
      fc.record({ type: fc.constant("message" as const), channel: fc.constantFrom("email", "sms"), template: fc.constant("m"), purpose: fc.constantFrom("marketing" as const, "service" as const) }),
      fc.record({ type: fc.constant("offer" as const), offerId: fc.constant("o"), channel: fc.constantFrom("email", "sms") }),
      fc.record({ type: fc.constant("task" as const), ownerRole: fc.constant("csm" as const), dueWithinHours: fc.constant(1) }),
      fc.record({ type: fc.constant("custom" as const), kind: fc.constant("webhook"), params: fc.constant({}), channel: fc.constantFrom("email", "sms"), purpose: fc.constantFrom("marketing" as const, "service" as const) }, { requiredKeys: ["type", "kind", "params"] }),
    ),
  ])("should name a contact exactly for actions that have a channel, with the action's channel", (action) => {
    const c = actionContact(action as Trigger["action"]);
    const channel = (action as { channel?: string }).channel;
    expect(c === null).toBe(channel === undefined);
    if (c !== null) {
      expect(c.channel).toBe(channel);
      // Offers are marketing; a custom contact without a purpose is marketing.
      expect(c.purpose).toBe(action.type === "offer" ? "marketing" : ((action as { purpose?: "marketing" | "service" }).purpose ?? "marketing"));
    }
  });
});
