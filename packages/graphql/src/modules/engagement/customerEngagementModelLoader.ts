import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { chunks } from "../../data/chunks.js";
import { toDate, type SqlDate } from "../../data/sqlDate.js";
import { modelVersions } from "./engagementModelService.js";
import { CustomerEngagementModelType } from "./ModelAssignment.type.js";

interface AssignmentRow {
  customer_id: number;
  model_id: string;
  version: number;
  reason: string;
  rank: number | null;
  assigned_at: SqlDate;
}

/**
 * Each requested customer's stored assignment with the model at the version
 * it recorded: one statement for the assignments of the whole batch, one for
 * the model versions they name (catalog versions come from the core).
 * Customers never assigned get null.
 */
export function customerEngagementModelLoader(scope: WorkspaceScope): DataLoader<number, CustomerEngagementModelType | null> {
  return new DataLoader<number, CustomerEngagementModelType | null>(async (ids) => {
    const rows: AssignmentRow[] = [];
    for (const part of chunks(ids)) {
      rows.push(
        ...(await scope.select<AssignmentRow>(
          `select customer_id, model_id, version, reason, rank, assigned_at from model_assignments
           where workspace_id = ? and customer_id in (${part.map(() => "?").join(", ")})`,
          part,
        )),
      );
    }
    const models = await modelVersions(scope, rows.map((r) => ({ id: r.model_id, version: Number(r.version) })));
    const byCustomer = new Map<number, CustomerEngagementModelType>();
    for (const r of rows) {
      const model = models.get(`${r.model_id}@${Number(r.version)}`);
      if (!model) continue;
      byCustomer.set(
        Number(r.customer_id),
        Object.assign(new CustomerEngagementModelType(), {
          model,
          version: Number(r.version),
          reason: r.reason,
          rank: r.rank === null ? null : Number(r.rank),
          assignedAt: toDate(r.assigned_at),
        }),
      );
    }
    return ids.map((id) => byCustomer.get(id) ?? null);
  });
}
