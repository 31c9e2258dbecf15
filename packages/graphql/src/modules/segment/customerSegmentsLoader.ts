import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { ALL_COLUMNS, type ColumnPlan } from "../common/selection.js";
import { toSegmentType, type SegmentRow, type SegmentType } from "./Segment.type.js";

/** The column behind each Segment field. */
export const SEGMENT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: ["id"],
  key: ["key"],
  name: ["name"],
  description: ["description"],
  definition: ["definition"],
};
const ALL = ["id", "key", "name", "description", "definition"];

/** The segments every requested customer is currently in, in one statement reading only `columns`. */
export function customerSegmentsLoader(scope: WorkspaceScope, columns: ColumnPlan = ALL_COLUMNS): DataLoader<number, SegmentType[]> {
  // The id is always read: it is how a segment shared by many customers is built once.
  const select = ["m.customer_id", ...[...new Set(["id", ...(columns.columns ?? ALL)])].map((c) => `s.${c}`)].join(", ");
  return new DataLoader<number, SegmentType[]>(async (ids) => {
    const placeholders = ids.map(() => "?").join(", ");
    const rows = await scope.select<SegmentRow & { customer_id: number }>(
      `select ${select}
       from segment_memberships m join segments s on s.id = m.segment_id
       where m.workspace_id = ? and m.customer_id in (${placeholders})
       order by m.customer_id, s.key`,
      ids,
    );
    const byCustomer = new Map<number, SegmentType[]>();
    // Many customers share a few segments: build (and parse the definition of) each once.
    const segments = new Map<number, SegmentType>();
    for (const row of rows) {
      const id = Number(row.customer_id);
      let segment = segments.get(Number(row.id));
      if (!segment) {
        segment = toSegmentType(row);
        segments.set(Number(row.id), segment);
      }
      const list = byCustomer.get(id);
      if (list) list.push(segment);
      else byCustomer.set(id, [segment]);
    }
    return ids.map((id) => byCustomer.get(id) ?? []);
  });
}
