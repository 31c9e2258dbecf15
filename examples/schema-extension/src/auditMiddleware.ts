import type { MiddlewareFn } from "type-graphql";
import { fieldExtensions, type Context } from "@engagekit/graphql";

/** One audited call: which operation, in which workspace, how many input items. */
export interface AuditEntry {
  readonly action: string;
  readonly workspace: string;
  readonly items: number;
  readonly ok: boolean;
}

/**
 * A middleware reading type-graphql `@Extensions({ audit: "<action>" })`:
 * fields carrying it are recorded in `sink` once they resolved (ok or not);
 * other fields pass through untouched.
 */
export function auditMiddleware(sink: (entry: AuditEntry) => void): MiddlewareFn<Context> {
  return async ({ info, context, args }, next) => {
    const action = fieldExtensions(info)["audit"];
    if (typeof action !== "string") return next();
    const input = (args as { input?: unknown }).input;
    const items = Array.isArray(input) ? input.length : 0;
    try {
      const result: unknown = await next();
      sink({ action, workspace: context.workspace.slug, items, ok: true });
      return result;
    } catch (error) {
      sink({ action, workspace: context.workspace.slug, items, ok: false });
      throw error;
    }
  };
}
