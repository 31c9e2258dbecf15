import type { ConditionKind } from "../ConditionKind.js";
import { firstPerformedKind, lastPerformedKind, performedKind } from "./behaviourKinds.js";
import { traitKind } from "./traitKind.js";
import { ladderTierKind, rfmSegmentKind, valueKind } from "./valueKinds.js";

/** The built-in leaf kinds, in the order of the published schema (consent is registered separately). */
export const builtInKinds: readonly ConditionKind<never>[] = [traitKind, performedKind, firstPerformedKind, lastPerformedKind, valueKind, rfmSegmentKind, ladderTierKind];
