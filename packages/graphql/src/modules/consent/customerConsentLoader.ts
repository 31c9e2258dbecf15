import DataLoader from "dataloader";
import type { ConsentState } from "@engagekit/core";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { consentStates } from "./consentService.js";

/** Each requested customer's consent state as of `asOf` (undefined: no event recorded), one read per batch. */
export function customerConsentLoader(scope: WorkspaceScope, asOf: number): DataLoader<number, ConsentState | undefined> {
  return new DataLoader<number, ConsentState | undefined>(async (ids) => {
    const states = await consentStates(scope, ids, asOf);
    return ids.map((id) => states.get(id));
  });
}
