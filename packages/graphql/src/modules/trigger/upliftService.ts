import { ErrorCodes, InputError, upliftReport, type UpliftEstimate, type UpliftOutcome } from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { toMs, type SqlDate } from "../../data/sqlDate.js";
import { IntervalType } from "../common/Interval.type.js";
import { SampleRatioType, UpliftEstimateType, UpliftGroupType, UpliftReportType } from "./Trigger.type.js";
import { triggerSet } from "./triggerSet.js";

const DAY = 86_400_000;

/**
 * Each customer's outcome for a trigger: its first firing (treated: any
 * status but held out or blocked, i.e. intention to treat; holdout: held
 * out), then over `windowDays` after it — converted: an order; retained: any
 * order or interaction; revenue: the orders' amount. Customers whose window
 * has not ended by `now` are not measured yet (left out).
 */
export async function upliftOutcomes(scope: WorkspaceScope, triggerKey: string, windowDays: number, now: number): Promise<UpliftOutcome[]> {
  const first = new Map<number, { at: number; holdout: boolean }>();
  for (const r of await scope.select<{ customer_id: number; status: string; fired_at: SqlDate }>(
    "select customer_id, status, fired_at from trigger_actions where workspace_id = ? and trigger_key = ? and status <> 'blocked' order by fired_at, id",
    [triggerKey],
  )) {
    const id = Number(r.customer_id);
    if (!first.has(id)) first.set(id, { at: toMs(r.fired_at), holdout: r.status === "held_out" });
  }
  const w = windowDays * DAY;
  const measured = [...first].filter(([, f]) => f.at + w <= now).map(([id]) => id);
  const orders = new Map<number, { at: number; cents: number }[]>();
  const touches = new Map<number, number[]>();
  for (const part of chunks(measured, 400)) {
    const q = part.map(() => "?").join(", ");
    for (const o of await scope.select<{ customer_id: number; ordered_at: SqlDate; amount_cents: number }>(`select customer_id, ordered_at, amount_cents from orders where workspace_id = ? and customer_id in (${q})`, part)) {
      const list = orders.get(Number(o.customer_id)) ?? [];
      list.push({ at: toMs(o.ordered_at), cents: Number(o.amount_cents) });
      orders.set(Number(o.customer_id), list);
    }
    for (const i of await scope.select<{ customer_id: number; occurred_at: SqlDate }>(`select customer_id, occurred_at from interactions where workspace_id = ? and customer_id in (${q})`, part)) {
      const list = touches.get(Number(i.customer_id)) ?? [];
      list.push(toMs(i.occurred_at));
      touches.set(Number(i.customer_id), list);
    }
  }
  return measured.map((id) => {
    const f = first.get(id) as { at: number; holdout: boolean };
    const inWindow = (t: number) => t > f.at && t <= f.at + w;
    const bought = (orders.get(id) ?? []).filter((o) => inWindow(o.at));
    const active = bought.length > 0 || (touches.get(id) ?? []).some(inWindow);
    return { group: f.holdout ? "holdout" : "treated", converted: bought.length > 0, retained: active, revenue: bought.reduce((s, o) => s + o.cents, 0) / 100 };
  });
}

function estimateType(e: UpliftEstimate<{ difference: number; interval: { lower: number; upper: number; level: number; method: string }; pValue: number } & ({ rateA: number; rateB: number } | { meanA: number; meanB: number })>): UpliftEstimateType {
  if (e.estimate === null) return Object.assign(new UpliftEstimateType(), { difference: null, holdout: null, treated: null, interval: null, pValue: null, relativeLift: null, reason: e.reason });
  const x = e.estimate;
  const [holdout, treated] = "rateA" in x ? [x.rateA, x.rateB] : [x.meanA, x.meanB];
  return Object.assign(new UpliftEstimateType(), { difference: x.difference, holdout, treated, interval: IntervalType.from(x.interval as never), pValue: x.pValue, relativeLift: e.relativeLift, reason: null });
}

/** The core's upliftReport of a trigger's stored firings (NOT_FOUND for an unknown trigger; windowDays in (0, 3650]). */
export async function triggerUplift(scope: WorkspaceScope, triggerKey: string, windowDays: number, now = Date.now()): Promise<UpliftReportType> {
  if (!(windowDays > 0 && windowDays <= 3650)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `upliftReport requires windowDays in (0, 3650], got ${windowDays}`, ["windowDays"], windowDays);
  const stored = (await triggerSet(scope)).byKey.get(triggerKey);
  if (!stored) throw new GraphQLError(`no trigger with id ${JSON.stringify(triggerKey)}`, { extensions: { code: "NOT_FOUND", field: "trigger" } });
  const share = stored.trigger.holdoutShare;
  const r = upliftReport(await upliftOutcomes(scope, triggerKey, windowDays, now), share > 0 && share < 1 ? { holdoutShare: share } : {});
  const group = (g: typeof r.treated) => Object.assign(new UpliftGroupType(), g);
  return Object.assign(new UpliftReportType(), {
    triggerId: triggerKey,
    windowDays,
    treated: group(r.treated),
    holdout: group(r.holdout),
    conversion: estimateType(r.conversion),
    retention: estimateType(r.retention),
    revenue: estimateType(r.revenue),
    sampleRatio: r.sampleRatio ? Object.assign(new SampleRatioType(), { chiSquare: r.sampleRatio.chiSquare, pValue: r.sampleRatio.pValue, mismatch: r.sampleRatio.mismatch }) : null,
  });
}
