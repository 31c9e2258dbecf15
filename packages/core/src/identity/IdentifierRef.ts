/**
 * The kinds of identifier a customer can be known by. The five standard kinds
 * follow the Segment identify spec (`userId`, `anonymousId` as `deviceId`,
 * traits `email` / `phone`) plus an `externalId` from another system; any other
 * string is accepted as a custom kind.
 */
export type IdentifierKind = "email" | "phone" | "deviceId" | "userId" | "externalId" | (string & {});

/**
 * One identifier of a customer: its kind and its value, e.g.
 * `{ kind: "email", value: "ana@example.com" }`.
 */
export interface IdentifierRef {
  readonly kind: IdentifierKind;
  readonly value: string;
}
