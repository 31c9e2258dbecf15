import { deflectionCounts, InputError, selfServiceDeflectionRate, type Rate, type SelfServiceResolution, type TicketOpening } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { dialect } from "../../data/sqlDialect.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";

const HOUR = 3_600_000;

/**
 * The interaction types that are self-service resolutions: a knowledge-base
 * article voted helpful (its reader's need met: undone by a ticket of the
 * reader within the window), a community answer accepted (someone's question
 * solved by another customer; the interaction is the answerer's — the
 * ladder's advocacy signal — so no ticket of a known asker can undo it).
 */
export const RESOLUTION_TYPES = { helpful: "kb_article_helpful", accepted: "answer_accepted" } as const;

/**
 * The workspace's self-service deflection rate over [from, to) (either
 * bound optional): `deflectionCounts` over the resolutions above and the
 * support tickets (opened in the period; for the window, those opened up to
 * `to + ticketWithinHours` too), then the core's
 * `selfServiceDeflectionRate` (Wilson interval). Null when the period has
 * neither a resolution nor a ticket (an empty sample is never scored 0).
 * Bad arguments are the core's InputError at the argument (`to`,
 * `ticketWithinHours`).
 */
export async function deflectionRate(scope: WorkspaceScope, from: Date | undefined, to: Date | undefined, ticketWithinHours: number): Promise<Rate | null> {
  const f = from?.getTime();
  const t = to?.getTime();
  const options = { ticketWithinHours, ...(f === undefined ? {} : { from: f }), ...(t === undefined ? {} : { to: t }) };
  // Checks the arguments before reading anything (an empty call validates them).
  atArguments(() => deflectionCounts([], [], options));
  const pg = dialect(scope.em) === "postgresql";
  const bound = (ms: number) => (pg ? new Date(ms) : ms);
  const range = (column: string, lo: number | undefined, hi: number | undefined, params: unknown[]) => {
    let sql = "";
    if (lo !== undefined) (sql += ` and ${column} >= ?`), params.push(bound(lo));
    if (hi !== undefined) (sql += ` and ${column} < ?`), params.push(bound(hi));
    return sql;
  };
  const rp: unknown[] = [RESOLUTION_TYPES.helpful, RESOLUTION_TYPES.accepted];
  const rows = await scope.select<{ customer_id: number | null; type: string; at: SqlDate }>(
    `select customer_id, type, occurred_at as at from interactions where workspace_id = ? and type in (?, ?)${range("occurred_at", f, t, rp)}`,
    rp,
  );
  const resolutions: SelfServiceResolution[] = rows.map((r) => (r.type === RESOLUTION_TYPES.helpful && r.customer_id !== null ? { customerId: String(r.customer_id), at: toMs(r.at) } : { at: toMs(r.at) }));
  const tp: unknown[] = [];
  // Tickets just after the period still undo resolutions inside it: a resolution before `to` looks up to (to + window).
  const ticketRows = await scope.select<{ customer_id: number | null; at: SqlDate }>(
    `select customer_id, opened_at as at from support_tickets where workspace_id = ?${range("opened_at", f, t === undefined ? undefined : t + ticketWithinHours * HOUR, tp)}`,
    tp,
  );
  const tickets: TicketOpening[] = ticketRows.map((r) => (r.customer_id === null ? { at: toMs(r.at) } : { customerId: String(r.customer_id), at: toMs(r.at) }));
  const counts = atArguments(() => deflectionCounts(resolutions, tickets, options));
  return counts.selfServed + counts.tickets === 0 ? null : selfServiceDeflectionRate(counts);
}

/** Re-roots the core's `["options", x]` paths at the GraphQL argument `x`. */
function atArguments<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError && e.path[0] === "options") throw new InputError(e.code, e.message, e.path.slice(1), e.value);
    throw e;
  }
}
