import type { FeedbackFilterInput } from "./FeedbackFilter.input.js";

/**
 * Why a feedback metric has no value: no valid answer matches. Names the
 * filter, so a caller sees at once whether the survey key, the period or the
 * segment is what excluded everything (e.g. `no NPS answers match survey
 * "nhs-fft" (0 valid, 0 skipped); the metric is not scored as 0`).
 */
export function emptyMetricReason(kind: "NPS" | "CSAT" | "CES", filter: FeedbackFilterInput | undefined, skipped: number): string {
  const parts: string[] = [];
  if (filter?.survey !== undefined && filter.survey !== null) parts.push(`survey "${filter.survey}"`);
  if (filter?.touchpoint !== undefined && filter.touchpoint !== null) parts.push(`touchpoint "${filter.touchpoint}"`);
  if (filter?.channel !== undefined && filter.channel !== null) parts.push(`channel "${filter.channel}"`);
  if (filter?.segment !== undefined && filter.segment !== null) parts.push(`segment "${filter.segment}"`);
  if (filter?.from) parts.push(`from ${filter.from.toISOString()}`);
  if (filter?.to) parts.push(`to ${filter.to.toISOString()}`);
  const what = parts.length === 0 ? `in this workspace` : `match ${parts.join(", ")}`;
  return `no ${kind} answers ${what} (0 valid, ${skipped} skipped); the metric is not scored as 0`;
}
