import DataLoader from "dataloader";
import type { PointsLedger } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { pointsLedgers } from "./loyaltyService.js";

/** Each requested customer's points ledger as of `asOf` (empty for a customer without operations), one read per batch. */
export function customerLoyaltyLoader(scope: WorkspaceScope, asOf: number): DataLoader<number, PointsLedger> {
  return new DataLoader<number, PointsLedger>(async (ids) => {
    const ledgers = await pointsLedgers(scope, ids, asOf);
    return ids.map((id) => ledgers.get(id) as PointsLedger);
  });
}
