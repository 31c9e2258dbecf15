import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertFinite, describe } from "../_internal/assert.js";
import { defaultHealthScoreConfig } from "./defaultHealthScoreConfig.js";
import type {
  HealthColor,
  HealthMeasure,
  HealthMeasureScore,
  HealthMeasureValues,
  HealthPoints,
  HealthScore,
  HealthScoreConfig,
  HealthThresholds,
  HealthTrend,
} from "./HealthScoreConfig.js";

const FN = "healthScore";
const DEFAULT_POINTS: HealthPoints = { red: 0, yellow: 50, green: 100 };
const DEFAULT_COLORS: HealthThresholds = { red: 40, green: 70 };

interface Checked {
  readonly measures: readonly (HealthMeasure & { readonly points: HealthPoints })[];
  readonly colors: HealthThresholds;
  readonly flatTolerance: number;
  readonly explainTop: number;
}

interface Scored {
  readonly score: number | null;
  readonly measures: readonly HealthMeasureScore[];
  readonly omitted: readonly string[];
}

/**
 * Customer health score: a weighted scorecard of red / yellow / green
 * measures, as customer-success teams run the CSM model on it.
 *
 * Definition: each present measure i gets a colour from its two thresholds
 * (see {@link HealthThresholds}: reaching green is green, strictly worse than
 * red is red, the rest — the red threshold included — yellow) and points pᵢ:
 * the colour's points (`"bands"`, default 0 / 50 / 100), or, with
 * `scoring: "linear"`, points.red + (points.green − points.red) · (v − red) / (green − red)
 * clamped to [points.red, points.green]. With W = Σ wᵢ over the present
 * measures, score = Σ (wᵢ / W) · pᵢ. Measures with no value (null, undefined,
 * missing) are left out of W — never scored as 0 — and listed in `omitted`;
 * with no measure present the score is `null` with a `reason`.
 *
 * Trend: every period of `history` (oldest first) is scored with the same
 * config; `previous` is the last one, `change` = score − previous, `flat` when
 * |change| ≤ flatTolerance (default 1 point). `explanation` names the measures
 * whose contribution (wᵢ / W) · pᵢ moved most since the previous period, with
 * values and colours before and after (contributions sum to the score, so
 * their changes sum to the change); without a previous score it names the
 * measures that cost the most points.
 *
 * Source: the weighted scorecard of customer-success practice (Gainsight,
 * "Scorecards": measures with weights and red / yellow / green ranges, weights
 * renormalised when a measure has no data).
 *
 * Range: in [min points, max points] of the present measures ([0, 100] by
 * default); monotone in every measure in its good direction; invariant to
 * scaling every weight by the same positive constant; one present measure →
 * its points. Complexity: O(measures × (history + 1)).
 *
 * @param values - this period's values by measure id
 * @param config - the scorecard, default {@link defaultHealthScoreConfig}
 * @param history - earlier periods' values, oldest first
 * @throws {InputError} `METRIC.NOT_FINITE` for NaN, ±Infinity or a non-number, path `["values", id]`
 *   (`["history", k, id]` in history); `METRIC.INVALID_OPTION` for a malformed config
 *   (weight ≤ 0, thresholds or points out of order, duplicate id), path `["config", "measures", i, field]`
 * @category Engagement models
 * @example
 * healthScore({ lastNps: 9, openTickets: 2, pAlive: null }).score // => 80
 * // lastNps green (100 points, weight 15), openTickets yellow (50, weight 10): (15·100 + 10·50) / 25; pAlive omitted
 */
export function healthScore(
  values: HealthMeasureValues,
  config: HealthScoreConfig = defaultHealthScoreConfig,
  history: readonly HealthMeasureValues[] = [],
): HealthScore {
  const checked = checkConfig(config);
  const current = scorePeriod(checked, values, ["values"]);
  const past = history.map((h, k) => scorePeriod(checked, h, ["history", k]));
  const prev = past.length > 0 ? (past[past.length - 1] as Scored) : null;
  const previous = prev?.score ?? null;
  const change = current.score !== null && previous !== null ? current.score - previous : null;
  const trend: HealthTrend = {
    previous,
    change,
    direction: change === null ? null : Math.abs(change) <= checked.flatTolerance ? "flat" : change > 0 ? "up" : "down",
    series: [...past.map((p) => p.score), current.score],
  };
  const reason = current.score === null ? `no measure of the scorecard has a value (omitted: ${current.omitted.join(", ")})` : null;
  return {
    score: current.score,
    color: current.score === null ? null : colorOf(current.score, "higher", checked.colors),
    reason,
    measures: current.measures,
    omitted: current.omitted,
    trend,
    explanation: explain(checked, current, prev, reason),
  };
}

function scorePeriod(config: Checked, values: HealthMeasureValues, path: readonly (string | number)[]): Scored {
  if (typeof values !== "object" || values === null) {
    throw new InputError(ErrorCodes.INVALID_FIELD, `${FN} requires an object of measure values at ${path.join(".")}, got ${describe(values)}`, path, values);
  }
  const present: { m: Checked["measures"][number]; value: number; color: HealthColor; points: number }[] = [];
  const omitted: string[] = [];
  let total = 0;
  for (const m of config.measures) {
    const v: unknown = values[m.id];
    if (v === null || v === undefined) {
      omitted.push(m.id);
      continue;
    }
    assertFinite(FN, v, [...path, m.id]);
    const color = colorOf(v, m.direction, m.thresholds);
    present.push({ m, value: v, color, points: pointsOf(v, color, m) });
    total += m.weight;
  }
  if (present.length === 0) return { score: null, measures: [], omitted };
  let score = 0;
  const measures = present.map(({ m, value, color, points }) => {
    const weight = m.weight / total;
    const contribution = weight * points;
    score += contribution;
    return { id: m.id, label: m.label, value, color, points, weight, contribution };
  });
  return { score, measures, omitted };
}

function colorOf(v: number, direction: "higher" | "lower", t: HealthThresholds): HealthColor {
  if (direction === "higher") return v >= t.green ? "green" : v < t.red ? "red" : "yellow";
  return v <= t.green ? "green" : v > t.red ? "red" : "yellow";
}

function pointsOf(v: number, color: HealthColor, m: Checked["measures"][number]): number {
  if (m.scoring !== "linear") return m.points[color];
  const { red, green } = m.thresholds;
  if (color === "green") return m.points.green;
  if (color === "red" || red === green) return m.points.red;
  // Position in the yellow band, 0 at the red threshold, 1 at the green one (either direction).
  const t = Math.min(1, Math.max(0, (v - red) / (green - red)));
  // Clamped: red + (green − red) can round past green, which would score the yellow band above green.
  return Math.min(m.points.green, Math.max(m.points.red, m.points.red + (m.points.green - m.points.red) * t));
}

function checkConfig(config: HealthScoreConfig): Checked {
  const bad: (message: string, path: readonly (string | number)[], value: unknown) => never = (message, path, value) => {
    throw new InputError(ErrorCodes.INVALID_OPTION, `${FN} requires ${message}`, ["config", ...path], value);
  };
  if (typeof config !== "object" || config === null || !Array.isArray(config.measures)) bad("a config with a measures array", ["measures"], config);
  const seen = new Set<string>();
  const measures = config.measures.map((m, i) => {
    const at = (field: string) => ["measures", i, field];
    if (typeof m.id !== "string" || m.id === "") bad(`a non-empty string id, got ${describe(m.id)}`, at("id"), m.id);
    if (seen.has(m.id)) bad(`unique measure ids, got ${m.id} twice`, at("id"), m.id);
    seen.add(m.id);
    if (!(typeof m.weight === "number" && Number.isFinite(m.weight) && m.weight > 0)) bad(`a positive finite weight for ${m.id}, got ${describe(m.weight)}`, at("weight"), m.weight);
    if (m.direction !== "higher" && m.direction !== "lower") bad(`direction "higher" or "lower" for ${m.id}, got ${describe(m.direction)}`, at("direction"), m.direction);
    if (m.scoring !== undefined && m.scoring !== "bands" && m.scoring !== "linear") bad(`scoring "bands" or "linear" for ${m.id}, got ${describe(m.scoring)}`, at("scoring"), m.scoring);
    const t = m.thresholds as HealthThresholds | undefined;
    if (!(t && Number.isFinite(t.red) && Number.isFinite(t.green))) bad(`finite thresholds { red, green } for ${m.id}`, at("thresholds"), t);
    const ordered = m.direction === "higher" ? t.red <= t.green : t.red >= t.green;
    if (!ordered) bad(`thresholds of ${m.id} with red ${m.direction === "higher" ? "≤" : "≥"} green (direction ${m.direction}), got red ${t.red}, green ${t.green}`, at("thresholds"), t);
    const points = m.points ?? DEFAULT_POINTS;
    if (![points.red, points.yellow, points.green].every(Number.isFinite)) bad(`finite points { red, yellow, green } for ${m.id}`, at("points"), points);
    if (!(points.red <= points.yellow && points.yellow <= points.green)) {
      bad(`points of ${m.id} ordered red ≤ yellow ≤ green, got ${points.red}, ${points.yellow}, ${points.green}`, at("points"), points);
    }
    return { ...m, points };
  });
  const colors = config.colors ?? DEFAULT_COLORS;
  if (!(Number.isFinite(colors.red) && Number.isFinite(colors.green) && colors.red <= colors.green)) bad("finite colors { red, green } with red ≤ green", ["colors"], colors);
  const flatTolerance = config.flatTolerance ?? 1;
  if (!(Number.isFinite(flatTolerance) && flatTolerance >= 0)) bad(`a finite flatTolerance ≥ 0, got ${describe(flatTolerance)}`, ["flatTolerance"], flatTolerance);
  const explainTop = config.explainTop ?? 3;
  if (!(Number.isInteger(explainTop) && explainTop >= 0)) bad(`an integer explainTop ≥ 0, got ${describe(explainTop)}`, ["explainTop"], explainTop);
  return { measures, colors, flatTolerance, explainTop };
}

const num = (x: number): string => String(Number.parseFloat(x.toFixed(2)));
const signed = (x: number): string => (x > 0 ? `+${num(x)}` : x < 0 ? `−${num(-x)}` : "±0");

function explain(config: Checked, current: Scored, prev: Scored | null, reason: string | null): string[] {
  if (reason !== null) return [reason];
  const score = current.score as number;
  const byId = (s: Scored) => new Map(s.measures.map((m) => [m.id, m]));
  const now = byId(current);
  if (prev === null || prev.score === null) {
    const lines = [prev === null ? `score ${num(score)}; no earlier period to compare with` : `score ${num(score)}; the previous period had no measure`];
    // The measures that cost the most points: weight × (best points − points).
    const lost = current.measures
      .map((m) => {
        const best = (config.measures.find((c) => c.id === m.id) as Checked["measures"][number]).points.green;
        return { m, cost: m.weight * (best - m.points) };
      })
      .filter((x) => x.cost > 0)
      .sort((a, b) => b.cost - a.cost || a.m.id.localeCompare(b.m.id))
      .slice(0, config.explainTop);
    for (const { m, cost } of lost) lines.push(`${m.id}: ${m.color} at ${num(m.value)}, ${num(m.points)} points, costs ${num(cost)} points of the score`);
    return lines;
  }
  const before = byId(prev);
  const lines = [`score ${num(prev.score)} → ${num(score)} (${signed(score - prev.score)} points)`];
  const moves = config.measures
    .map((c) => {
      const a = before.get(c.id);
      const b = now.get(c.id);
      return { id: c.id, a, b, delta: (b?.contribution ?? 0) - (a?.contribution ?? 0) };
    })
    .filter((x) => (x.a !== undefined || x.b !== undefined) && x.delta !== 0)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.id.localeCompare(y.id))
    .slice(0, config.explainTop);
  for (const { id, a, b, delta } of moves) {
    const value = `value ${a ? num(a.value) : "not measured"} → ${b ? num(b.value) : "not measured"}`;
    const color = a && b ? (a.color === b.color ? `, still ${b.color}` : `, ${a.color} → ${b.color}`) : "";
    lines.push(`${id}: contribution ${num(a?.contribution ?? 0)} → ${num(b?.contribution ?? 0)} (${signed(delta)} points); ${value}${color}`);
  }
  return lines;
}
