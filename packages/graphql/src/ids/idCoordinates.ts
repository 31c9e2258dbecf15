import { opaqueExportIds } from "../modules/privacy/opaqueExportIds.js";
import { opaqueDedupKey } from "./opaqueDedupKey.js";
import type { CoreIdKind } from "./IdKind.js";
import type { EncodeId } from "./opaqueDedupKey.js";

/** What an `ID`-typed coordinate holds that is not a row id: a key the workspace chose (a trigger's id), left as it is. */
export const KEY_STRING = "key string";

/**
 * Every `ID`-typed coordinate of engagekit's schema, classified: a row id of
 * a kind (encoded on the way out, decoded on the way in by
 * {@link opaqueIds}), or a {@link KEY_STRING}. Coordinates: `Type.field`
 * for output and input-object fields, `Type.field(arg)` for arguments.
 * packages/graphql/test/ids.test.ts fails when the schema gains an
 * `ID`-typed coordinate that is not here, so a new one is classified on
 * purpose. Plugins classify their own fields with the `idKind` field
 * extension (see {@link ID_KIND_EXTENSION}).
 *
 * Cursors are `String`s, found by shape instead: the `after` argument of a
 * field returning a `…Connection`, its edges' `cursor`, `PageInfo.endCursor`.
 */
export const ID_COORDINATES: Readonly<Record<string, CoreIdKind | typeof KEY_STRING>> = {
  // Row ids handed out
  "Customer.id": "cus",
  "Order.id": "ord",
  "Segment.id": "seg",
  "Interaction.id": "int",
  "Interaction.customerId": "cus",
  "JourneyMap.id": "jmp",
  "Workspace.id": "wsp",
  "Recommendations.customerId": "cus",
  "DueAction.id": "act",
  // An analytics export row is an interaction (analyticsExport reads the interactions table).
  "AnalyticsExportRow.id": "int",
  "ApiKey.id": "key",
  "SegmentChange.customerId": "cus",
  "StateChange.customerId": "cus",
  "PointsOperationPayload.customerId": "cus",
  "CustomerErasure.customerId": "cus",
  // Row ids taken
  "Query.customer(id)": "cus",
  "Query.explainSegment(customerId)": "cus",
  "Query.recommendations(customerId)": "cus",
  "Query.exportCustomerData(customerId)": "cus",
  "InteractionFilterInput.customerId": "cus",
  "Mutation.markActionDone(id)": "act",
  "Mutation.eraseCustomer(customerId)": "cus",
  "Mutation.rotateApiKey(id)": "key",
  "Mutation.revokeApiKey(id)": "key",
  // Trigger ids are keys the workspace chose (createTrigger's input.id), not row ids.
  "Trigger.id": KEY_STRING,
  "Query.dueActions(trigger)": KEY_STRING,
  "Query.upliftReport(trigger)": KEY_STRING,
  "Mutation.pauseTrigger(id)": KEY_STRING,
  "Mutation.resumeTrigger(id)": KEY_STRING,
};

/**
 * The field extension a plugin marks its own row-id fields with:
 * `@Extensions({ idKind: "cus" })` on an output or input-object field (a
 * kind of three lowercase letters; a plugin's own kinds too). Arguments:
 * `@Extensions({ idKindArgs: { customerId: "cus" } })` on the field.
 */
export const ID_KIND_EXTENSION = "idKind";

/** The field extension naming the row-id arguments of a plugin's field and their kinds; see {@link ID_KIND_EXTENSION}. */
export const ID_KIND_ARGS_EXTENSION = "idKindArgs";

/**
 * Output fields whose value embeds row ids (a JSON document, a key built
 * from a customer id), and how to make them opaque: `encode` writes an id of
 * the request's workspace, `source` is the parent object.
 */
export const EMBEDDED_ID_OUTPUTS: Readonly<Record<string, (value: unknown, encode: EncodeId, source: unknown) => unknown>> = {
  "Query.exportCustomerData": opaqueExportIds,
  "DueAction.dedupKey": opaqueDedupKey,
};
