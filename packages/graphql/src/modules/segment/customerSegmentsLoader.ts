import DataLoader from "dataloader";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { toSegmentType, type SegmentRow, type SegmentType } from "./Segment.type.js";

/** The segments every requested customer is currently in, in one statement. */
export function customerSegmentsLoader(scope: WorkspaceScope): DataLoader<number, SegmentType[]> {
  return new DataLoader<number, SegmentType[]>(async (ids) => {
    const placeholders = ids.map(() => "?").join(", ");
    const rows = await scope.select<SegmentRow & { customer_id: number }>(
      `select m.customer_id, s.id, s.key, s.name, s.description, s.definition
       from segment_memberships m join segments s on s.id = m.segment_id
       where m.workspace_id = ? and m.customer_id in (${placeholders})
       order by m.customer_id, s.key`,
      [...ids],
    );
    const byCustomer = new Map<number, SegmentType[]>();
    // Many customers share a few segments: build (and parse the definition of) each once.
    const segments = new Map<number, SegmentType>();
    for (const row of rows) {
      const id = Number(row.customer_id);
      const list = byCustomer.get(id) ?? [];
      let segment = segments.get(Number(row.id));
      if (!segment) {
        segment = toSegmentType(row);
        segments.set(Number(row.id), segment);
      }
      list.push(segment);
      byCustomer.set(id, list);
    }
    return ids.map((id) => byCustomer.get(id) ?? []);
  });
}
