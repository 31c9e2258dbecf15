import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe, formatPath } from "../_internal/assert.js";
import { DAY_MS } from "../segments/_internal/time.js";
import type { EarnProgram, EarnRule } from "./EarnProgram.js";

/** The interaction to reward. */
export interface RewardableInteraction {
  readonly type: string;
  /** Epoch ms. */
  readonly at: number;
  /** Spend in currency units, read by `pointsPerUnit` rules (absent = 0). */
  readonly amount?: number;
}

/** What one rule contributed. */
export interface EarnPart {
  readonly rule: string;
  /** Before flooring: (flat + ⌊amount / unit⌋ · perUnit) · rule multiplier · tier multiplier. */
  readonly rawPoints: number;
}

/** The points an interaction earns, ready for {@link earnPoints}. */
export interface InteractionPoints {
  /** ⌊Σ parts.rawPoints⌋, a whole number ≥ 0 (0 when no rule applies: do not call earnPoints then). */
  readonly points: number;
  /** Lot expiry: at + validityDays, or null. */
  readonly expiresAt: number | null;
  readonly tierMultiplier: number;
  readonly parts: readonly EarnPart[];
  /** Human-readable: which rules, multipliers and amount produced the points. */
  readonly reason: string;
}

function assertNonNegative(fn: string, v: unknown, path: readonly (string | number)[]): void {
  assertFinite(fn, v, path);
  if ((v as number) < 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative value at ${formatPath(path)}, got ${describe(v)}`, path, v);
}

function assertPositive(fn: string, v: unknown, path: readonly (string | number)[]): void {
  assertFinite(fn, v, path);
  if ((v as number) <= 0) throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a positive value at ${formatPath(path)}, got ${describe(v)}`, path, v);
}

/**
 * The points an interaction earns under an {@link EarnProgram}.
 *
 * Definition: every rule whose `interaction` equals the interaction's type
 * contributes raw = (points + ⌊amount / unit⌋ · pointsPerUnit) · multiplier,
 * the rules add up, the sum is multiplied by the tier multiplier of
 * `tier` and floored: points = ⌊m_tier · Σ raw⌋. Spend is counted in whole
 * units ("1 point per 10 € spent" gives 4 points for 49 €) and the result in
 * whole points, the common practice of retail programmes (points are never
 * rounded up, so the liability is never overstated).
 *
 * Ranges: points ≥ 0; 0 when no rule matches or the spend is below one unit.
 *
 * @throws {InputError} `METRIC.NOT_FINITE` / `METRIC.OUT_OF_RANGE` for a negative amount, points or rate, a unit,
 *   multiplier or validity ≤ 0; `JOURNEY.DUPLICATE_ID` for two rules with one id
 * @category Loyalty
 * @example
 * const program = { rules: [{ id: "spend", interaction: "purchase", pointsPerUnit: 1, unit: 10 }], tierMultipliers: { gold: 1.5 } };
 * pointsForInteraction(program, { type: "purchase", at: 0, amount: 49 }, "gold").points // => 6 (⌊1.5 · 4⌋)
 */
export function pointsForInteraction(program: EarnProgram, interaction: RewardableInteraction, tier?: string): InteractionPoints {
  const fn = "pointsForInteraction";
  assertFinite(fn, interaction.at, ["interaction", "at"]);
  const amount = interaction.amount ?? 0;
  assertNonNegative(fn, amount, ["interaction", "amount"]);
  const ids = new Set<string>();
  const parts: EarnPart[] = [];
  program.rules.forEach((rule: EarnRule, i) => {
    if (ids.has(rule.id)) throw new InputError(ErrorCodes.DUPLICATE_ID, `${fn} requires unique rule ids, got ${JSON.stringify(rule.id)} twice`, ["program", "rules", i, "id"], rule.id);
    ids.add(rule.id);
    const flat = rule.points ?? 0;
    const perUnit = rule.pointsPerUnit ?? 0;
    const unit = rule.unit ?? 1;
    const multiplier = rule.multiplier ?? 1;
    assertNonNegative(fn, flat, ["program", "rules", i, "points"]);
    assertNonNegative(fn, perUnit, ["program", "rules", i, "pointsPerUnit"]);
    assertPositive(fn, unit, ["program", "rules", i, "unit"]);
    assertPositive(fn, multiplier, ["program", "rules", i, "multiplier"]);
    if (rule.interaction !== interaction.type) return;
    parts.push({ rule: rule.id, rawPoints: (flat + Math.floor(amount / unit) * perUnit) * multiplier });
  });
  const tierMultiplier = tier === undefined ? 1 : (program.tierMultipliers?.[tier] ?? 1);
  assertPositive(fn, tierMultiplier, ["program", "tierMultipliers", tier ?? ""]);
  let raw = 0;
  for (const p of parts) raw += p.rawPoints;
  const points = Math.floor(raw * tierMultiplier);
  const days = program.validityDays ?? null;
  if (days !== null) assertPositive(fn, days, ["program", "validityDays"]);
  const expiresAt = days === null ? null : interaction.at + days * DAY_MS;
  const reason =
    parts.length === 0
      ? `no earn rule for ${JSON.stringify(interaction.type)}`
      : `${parts.map((p) => `rule ${p.rule}: ${p.rawPoints}`).join(" + ")}${tierMultiplier === 1 ? "" : ` × tier ${tier} ${tierMultiplier}`} = ${points} points`;
  return { points, expiresAt, tierMultiplier, parts, reason };
}
