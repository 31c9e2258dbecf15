/**
 * The kind of an opaque id: three lowercase letters, the id's visible prefix
 * (`cus_…`) and part of its encrypted block, so an id of one kind never
 * decodes as another.
 */
export type IdKind = string;

/** The kinds engagekit's own schema uses, and what each one identifies. */
export const ID_KINDS = {
  cus: "Customer",
  ord: "Order",
  seg: "Segment",
  int: "Interaction (also AnalyticsExportRow.id)",
  jmp: "JourneyMap",
  wsp: "Workspace",
  act: "DueAction (a trigger_actions row)",
  key: "ApiKey",
  cur: "a Relay cursor (the row id a page ends at)",
} as const satisfies Readonly<Record<string, string>>;

/** A kind of {@link ID_KINDS}. */
export type CoreIdKind = keyof typeof ID_KINDS;

/** The kind of every Relay cursor (`Edge.cursor`, `PageInfo.endCursor`, `after`). */
export const CURSOR_KIND = "cur" satisfies CoreIdKind;

const KIND = /^[a-z]{3}$/;

/** True for a well-formed kind (three lowercase ASCII letters): engagekit's and plugins' own. */
export function isIdKind(kind: string): kind is IdKind {
  return KIND.test(kind);
}
