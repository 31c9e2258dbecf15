import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { LedgerEntry } from "@engagekit/core";

@ObjectType("PointsExpiry", { simpleResolvers: true, description: "The next expiry: when and how many points." })
export class PointsExpiryType {
  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => Int)
  points!: number;
}

@ObjectType("LotDraw", { simpleResolvers: true, description: "What a redemption took from one earn lot." })
export class LotDrawType {
  @Field(() => String, { description: "The key of the earn that created the lot." })
  lot!: string;

  @Field(() => Int)
  points!: number;
}

@ObjectType("PointsLedgerEntry", { simpleResolvers: true, description: "One line of the ledger's audit trail: an earn, a redemption (with the lots it drew from, oldest first) or an expiry." })
export class LedgerEntryType {
  @Field(() => String, { description: "earn, redeem or expire." })
  kind!: string;

  @Field(() => String, { nullable: true, description: "The operation's key; null for an expiry (written by the ledger)." })
  key!: string | null;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => Int)
  points!: number;

  @Field(() => String, { nullable: true, description: "The lot created (earn) or expired (expire)." })
  lot!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "An earn's expiry." })
  expiresAt!: Date | null;

  @Field(() => [LotDrawType], { description: "A redemption's draws; empty otherwise." })
  draws!: LotDrawType[];

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType("LoyaltyTierChange", { simpleResolvers: true })
export class LoyaltyTierChangeType {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, { description: "upgrade or downgrade." })
  direction!: string;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => Int)
  qualifyingPoints!: number;

  @Field(() => String)
  reason!: string;
}

@ObjectType("LoyaltyTierGrace", { simpleResolvers: true, description: "Below the held tier's threshold: since when, and when the downgrade happens unless points recover." })
export class LoyaltyTierGraceType {
  @Field(() => DateTimeResolver)
  belowSince!: Date;

  @Field(() => DateTimeResolver)
  downgradeAt!: Date;
}

@ObjectType("LoyaltyTierNext", { simpleResolvers: true })
export class LoyaltyTierNextType {
  @Field(() => String)
  tier!: string;

  @Field(() => Int)
  pointsNeeded!: number;
}

@ObjectType("LoyaltyTierStatus", { simpleResolvers: true, description: "The core's loyaltyTier: points earned in the rolling window, upgrades at once, downgrades after the grace period." })
export class LoyaltyTierStatusType {
  @Field(() => String)
  tier!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the member moved into the tier; null when the base tier was never left." })
  since!: Date | null;

  @Field(() => Int, { description: "Points earned in the window ending now." })
  qualifyingPoints!: number;

  @Field(() => String, { description: "The tier the qualifying points alone give." })
  qualifiedTier!: string;

  @Field(() => LoyaltyTierGraceType, { nullable: true })
  grace!: LoyaltyTierGraceType | null;

  @Field(() => LoyaltyTierNextType, { nullable: true, description: "Null at the top tier." })
  next!: LoyaltyTierNextType | null;

  @Field(() => [LoyaltyTierChangeType], { description: "Every tier change, in time order." })
  changes!: LoyaltyTierChangeType[];
}

@ObjectType("Loyalty", { description: "A member's statement (the core's loyaltySummary over the stored operations): balance, tier and history." })
export class LoyaltyType {
  @Field(() => Int, { description: "Spendable points: unexpired lots (never negative)." })
  balance!: number;

  @Field(() => PointsExpiryType, { nullable: true })
  nextExpiry!: PointsExpiryType | null;

  @Field(() => LoyaltyTierStatusType)
  tier!: LoyaltyTierStatusType;

  @Field(() => DateTimeResolver)
  asOf!: Date;

  /** The whole history, newest first; `history(first)` slices it. */
  entries!: readonly LedgerEntry[];
}

export enum PointsOperationStatus {
  APPLIED = "applied",
  DUPLICATE = "duplicate",
}
registerEnumType(PointsOperationStatus, { name: "PointsOperationStatus", description: "APPLIED: written now; DUPLICATE: the key was already applied, nothing changed." });

@ObjectType("PointsOperationPayload", { simpleResolvers: true, description: "What awardPoints or redeemPoints did." })
export class PointsOperationPayload {
  @Field(() => String)
  key!: string;

  @Field(() => PointsOperationStatus)
  status!: PointsOperationStatus;

  @Field(() => ID)
  customerId!: string;

  @Field(() => Int, { description: "The balance after the operation, at its time (or at the ledger's last entry when that is later)." })
  balance!: number;
}
