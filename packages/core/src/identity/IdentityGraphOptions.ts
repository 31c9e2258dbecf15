import type { IdentifierKind, IdentifierRef } from "./IdentifierRef.js";

/** Options of {@link IdentityGraph}. */
export interface IdentityGraphOptions {
  /**
   * Most identifiers of a kind one profile may hold; a merge that would
   * exceed it is refused. Default `{ userId: 1 }`.
   */
  readonly limits?: Readonly<Partial<Record<IdentifierKind, number>>>;
  /**
   * Values that must never link profiles (a shared support address, a
   * placeholder phone). `kind` omitted = any kind. Compared after normalisation.
   */
  readonly blocked?: readonly (Omit<IdentifierRef, "kind"> & { readonly kind?: IdentifierKind })[];
  /**
   * Kinds from most to least trusted; the most trusted identifier of an
   * observation anchors it and names the profile. Default
   * `["userId", "externalId", "email", "phone", "deviceId"]`; unlisted kinds rank last.
   */
  readonly priorities?: readonly IdentifierKind[];
}
