import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import type { EngagementModel, PlaybookEntry } from "../models/EngagementModel.js";
import type { SegmentCondition } from "../segments/SegmentDefinition.js";
import type { OfferDefinition } from "./OfferDefinition.js";

/** Options of {@link playbookOffers}. */
export interface PlaybookOfferOptions {
  /** Who is at each journey stage, as a segment condition (default {@link ladderStageConditions}); stages without one are skipped. */
  readonly stageConditions?: Readonly<Record<string, SegmentCondition>>;
  /** Stages whose plays are generic enough to show without personalization consent (default `["awareness"]`). */
  readonly nonPersonalStages?: readonly string[];
}

/**
 * Which ladder tier each journey stage of the engagement-ladder model's
 * playbook serves: awareness → passive ("targeted campaigns for passive
 * customers"), retention → active ("tier rewards for active customers"),
 * advocacy → advocate ("referral programme for advocates"), after the seeds'
 * engagement-ladder model. Consideration and conversion have no ladder tier of
 * their own (they are moments, not states) and are left out.
 *
 * @category Personalization
 * @example
 * ladderStageConditions.advocacy // => { type: "ladderTier", op: "is", tier: "advocate" }
 */
export const ladderStageConditions: Readonly<Record<string, SegmentCondition>> = {
  awareness: { type: "ladderTier", op: "is", tier: "passive" },
  retention: { type: "ladderTier", op: "is", tier: "active" },
  advocacy: { type: "ladderTier", op: "is", tier: "advocate" },
};

/**
 * Turns an engagement model's playbook into next-best-offer definitions: one
 * offer per action of each stage that has a stage condition, id
 * `<model>:<stage>:<i>`, named by the action, eligible by the stage's
 * condition, on the stage's first channel, all at priority 0 (so playbook
 * order breaks ties: a stage's first action is its first offer). Feed the
 * result to {@link compileNextBestOffer}.
 *
 * @throws {InputError} `MODEL.INVALID` at `["model", "playbook"]` for a model without a playbook list
 * @category Personalization
 * @example
 * const offers = playbookOffers(catalogModel("engagement_ladder")!);
 * offers.find((o) => o.id === "engagement_ladder:advocacy:0")?.name // => "referral programme for advocates"
 */
export function playbookOffers(model: EngagementModel, options: PlaybookOfferOptions = {}): OfferDefinition[] {
  const playbook: readonly PlaybookEntry[] | undefined = (model as EngagementModel | undefined)?.playbook;
  if (!Array.isArray(playbook)) throw new InputError(ErrorCodes.MODEL_INVALID, `playbookOffers requires a model with a playbook list`, ["model", "playbook"], playbook);
  const conditions = options.stageConditions ?? ladderStageConditions;
  const open = new Set(options.nonPersonalStages ?? ["awareness"]);
  const out: OfferDefinition[] = [];
  for (const entry of playbook as readonly PlaybookEntry[]) {
    const condition = Object.hasOwn(conditions, entry.stage) ? conditions[entry.stage] : undefined;
    if (condition === undefined) continue;
    entry.actions.forEach((action, i) => {
      const channel = entry.channels[0];
      out.push({
        id: `${model.id}:${entry.stage}:${i}`,
        name: action,
        condition,
        priority: 0,
        ...(open.has(entry.stage) ? { nonPersonalDefault: true } : {}),
        ...(channel === undefined ? {} : { channel }),
      });
    });
  }
  return out;
}
