// Public surface of the loyalty area (issue 13): a points ledger (earn, redeem, FIFO expiry, idempotent
// by key, auditable history), earn rules with multipliers, tiers over a rolling window with a grace
// period, badges with segment criteria, and referrals feeding the ladder's advocate rung.

// Points ledger
export type { PointsLedger, PointsLot, LedgerEntry, EarnEntry, RedeemEntry, ExpireEntry, LotDraw } from "./PointsLedger.js";
export { emptyPointsLedger } from "./emptyPointsLedger.js";
export { earnPoints } from "./earnPoints.js";
export type { EarnOperation } from "./earnPoints.js";
export { redeemPoints } from "./redeemPoints.js";
export type { RedeemOperation } from "./redeemPoints.js";
export { expirePoints } from "./expirePoints.js";
export { pointsBalance } from "./pointsBalance.js";
export { applyPointsOperations } from "./applyPointsOperations.js";
export type { PointsOperation, PointsOperationResult, PointsBatchResult } from "./applyPointsOperations.js";
export type { PointsBalance } from "./pointsBalance.js";

// Earn rules
export type { EarnProgram, EarnRule } from "./EarnProgram.js";
export { pointsForInteraction } from "./pointsForInteraction.js";
export type { RewardableInteraction, InteractionPoints, EarnPart } from "./pointsForInteraction.js";

// Tiers
export { defaultLoyaltyTierConfig } from "./LoyaltyTierConfig.js";
export type { LoyaltyTierConfig, LoyaltyTier } from "./LoyaltyTierConfig.js";
export { pointsEarnedInWindow } from "./pointsEarnedInWindow.js";
export { loyaltyTier } from "./loyaltyTier.js";
export type { LoyaltyTierStatus, LoyaltyTierChange } from "./loyaltyTier.js";
export { loyaltySummary } from "./loyaltySummary.js";
export type { LoyaltySummary } from "./loyaltySummary.js";

// Badges
export type { BadgeDefinition, BadgeAward } from "./BadgeDefinition.js";
export { compileBadges } from "./compileBadges.js";
export type { BadgeEvaluator, BadgeResult } from "./compileBadges.js";

// Referrals
export { REFERRAL_CONVERTED } from "./Referral.js";
export type { Referral, ReferralProgram } from "./Referral.js";
export { createReferral } from "./createReferral.js";
export type { ReferralInput } from "./createReferral.js";
export { convertReferral } from "./convertReferral.js";
export type { ReferralPurchase, ReferralReward, ReferralConversion } from "./convertReferral.js";
export { referralLadderCriteria } from "./referralLadderCriteria.js";
