import { defineTriggerAction } from "@engagekit/graphql";

/**
 * A trigger action kind: call the integrator's webhook when a trigger fires.
 * engagekit records the due action with its params (`dueActions` →
 * `actionType: "custom"`, `actionKind: "webhook"`, `action.params`); the
 * integrator's worker delivers it and marks it done. Parameters: `url`
 * (https, no credentials in it — secrets belong in the worker's
 * configuration), optional `event` (a name the receiver dispatches on).
 */
export const webhookAction = defineTriggerAction<{ readonly url: string; readonly event?: string }>()({
  kind: "webhook",
  description: "POST the firing to a URL (the integrator's worker delivers it)",
  params: {
    properties: { url: { type: "string", pattern: "^https://", maxLength: 2048 }, event: { type: "string", pattern: "^[a-z][a-z0-9_.]{0,63}$" } },
    required: ["url"],
  },
  check: ({ url }, path) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return [{ code: "WEBHOOK.INVALID_URL", path: [...path, "url"], message: "webhook requires a valid URL", value: url }];
    }
    if (parsed.username !== "" || parsed.password !== "") {
      return [{ code: "WEBHOOK.CREDENTIALS_IN_URL", path: [...path, "url"], message: "webhook requires a URL without credentials (keep secrets in the worker)", value: url }];
    }
    return [];
  },
});
