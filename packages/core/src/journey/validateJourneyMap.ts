import { ErrorCodes } from "../errors/codes.js";
import { InputError, type InputPath } from "../errors/InputError.js";
import { describe, formatPath } from "../_internal/assert.js";
import { defaultChannels } from "./defaultChannels.js";
import type { JourneyMap } from "./JourneyMap.js";

/** Output of {@link validateJourneyMap}. */
export type JourneyMapValidation =
  | { readonly valid: true; readonly map: JourneyMap; readonly errors: readonly [] }
  | { readonly valid: false; readonly errors: readonly InputError[] };

const FN = "validateJourneyMap";
const OWNERSHIP = ["owned", "paid", "earned"];

/**
 * Checks a journey map (typically parsed JSON) and returns every problem
 * found, each an {@link InputError} with a stable code and the path of the
 * offending field — not just the first:
 *
 * - shape: required strings, arrays and numbers (`JOURNEY.INVALID_FIELD`), `version` 1;
 * - duplicate ids of stages, personas, touchpoints, channels, KPIs in a cell,
 *   and duplicate stage × persona cells (`JOURNEY.DUPLICATE_ID`);
 * - references to unknown stages, personas, touchpoints or channels
 *   (`JOURNEY.UNKNOWN_REFERENCE`); channels are the defaults plus `map.channels`;
 * - cycles in the stage graph formed by `next` (`JOURNEY.STAGE_CYCLE`, reported at
 *   the edge that closes the cycle, the cycle in the message);
 * - emotion valence outside [−1, 1] (`METRIC.OUT_OF_RANGE`).
 *
 * Complexity: O(size of the map).
 *
 * @category Journey
 * @example
 * const r = validateJourneyMap({ version: 1, id: "m", name: "M", personas: [], cells: [],
 *   stages: [{ id: "a", name: "A", next: ["b"] }, { id: "b", name: "B", next: ["a"] }],
 *   touchpoints: [{ id: "t", name: "T", channel: "fax", stages: ["a"], ownership: "owned", emits: [] }] });
 * r.errors.map((e) => [e.code, e.path])
 * // => [["JOURNEY.STAGE_CYCLE", ["stages", 1, "next", 0]], ["JOURNEY.UNKNOWN_REFERENCE", ["touchpoints", 0, "channel"]]]
 */
export function validateJourneyMap(raw: unknown): JourneyMapValidation {
  const errors: InputError[] = [];
  const err = (code: string, what: string, path: InputPath, value: unknown): void => {
    errors.push(new InputError(code, `${FN} requires ${what} at ${formatPath(path)}, got ${describe(value)}`, path, value));
  };
  if (!isRecord(raw)) {
    err(ErrorCodes.INVALID_FIELD, "a journey map object", [], raw);
    return { valid: false, errors };
  }
  if (raw["version"] !== 1) err(ErrorCodes.INVALID_FIELD, "version 1", ["version"], raw["version"]);
  str(raw["id"], ["id"]);
  str(raw["name"], ["name"]);

  function str(v: unknown, path: InputPath): v is string {
    if (typeof v === "string" && v !== "") return true;
    err(ErrorCodes.INVALID_FIELD, "a non-empty string", path, v);
    return false;
  }
  function list(v: unknown, path: InputPath, optional = false): readonly unknown[] {
    if (Array.isArray(v)) return v;
    if (!(optional && v === undefined)) err(ErrorCodes.INVALID_FIELD, "an array", path, v);
    return [];
  }
  function strings(v: unknown, path: InputPath): string[] {
    const out: string[] = [];
    list(v, path).forEach((s, i) => {
      if (str(s, [...path, i])) out.push(s);
    });
    return out;
  }
  function ids(items: readonly unknown[], path: InputPath, what: string): Set<string> {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (!isRecord(it)) return err(ErrorCodes.INVALID_FIELD, `a ${what} object`, [...path, i], it);
      const id = it["id"];
      if (!str(id, [...path, i, "id"])) return;
      if (seen.has(id)) err(ErrorCodes.DUPLICATE_ID, `unique ${what} ids`, [...path, i, "id"], id);
      seen.add(id);
      str(it["name"], [...path, i, "name"]);
    });
    return seen;
  }
  function known(set: Set<string>, v: string, path: InputPath, what: string): void {
    if (!set.has(v)) err(ErrorCodes.UNKNOWN_REFERENCE, `a known ${what}`, path, v);
  }

  const stages = list(raw["stages"], ["stages"]);
  const personas = list(raw["personas"], ["personas"]);
  const extraChannels = list(raw["channels"], ["channels"], true);
  const touchpoints = list(raw["touchpoints"], ["touchpoints"]);
  const cells = list(raw["cells"], ["cells"]);

  const stageIds = ids(stages, ["stages"], "stage");
  const personaIds = ids(personas, ["personas"], "persona");
  const channelIds = new Set(defaultChannels.map((c) => c.id));
  extraChannels.forEach((c, i) => {
    if (!isRecord(c)) return err(ErrorCodes.INVALID_FIELD, "a channel object", ["channels", i], c);
    if (!str(c["id"], ["channels", i, "id"])) return;
    if (channelIds.has(c["id"])) err(ErrorCodes.DUPLICATE_ID, "unique channel ids", ["channels", i, "id"], c["id"]);
    channelIds.add(c["id"]);
    str(c["name"], ["channels", i, "name"]);
    if (!["digital", "assisted", "physical"].includes(c["kind"] as string)) err(ErrorCodes.INVALID_FIELD, "kind digital, assisted or physical", ["channels", i, "kind"], c["kind"]);
  });
  const touchpointIds = ids(touchpoints, ["touchpoints"], "touchpoint");

  // Stage graph: unknown targets, then cycles by depth-first search.
  const edges = new Map<string, { to: string; path: InputPath }[]>();
  stages.forEach((s, i) => {
    if (!isRecord(s) || typeof s["id"] !== "string") return;
    const out = edges.get(s["id"]) ?? [];
    strings(s["next"], ["stages", i, "next"]).forEach((to, j) => {
      const path = ["stages", i, "next", j];
      if (!stageIds.has(to)) known(stageIds, to, path, "stage");
      else out.push({ to, path });
    });
    edges.set(s["id"], out);
  });
  const colour = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    colour.set(id, 1);
    stack.push(id);
    for (const e of edges.get(id) ?? []) {
      const c = colour.get(e.to);
      if (c === 1) {
        const cycle = [...stack.slice(stack.indexOf(e.to)), e.to].join(" → ");
        errors.push(new InputError(ErrorCodes.STAGE_CYCLE, `${FN} requires an acyclic stage graph, got the cycle ${cycle} at ${formatPath(e.path)}`, e.path, e.to));
      } else if (c === undefined) visit(e.to);
    }
    stack.pop();
    colour.set(id, 2);
  };
  for (const id of edges.keys()) if (!colour.has(id)) visit(id);

  personas.forEach((p, i) => {
    if (!isRecord(p)) return;
    strings(p["goals"], ["personas", i, "goals"]);
    strings(p["needs"], ["personas", i, "needs"]);
    strings(p["preferredChannels"], ["personas", i, "preferredChannels"]).forEach((c, j) => known(channelIds, c, ["personas", i, "preferredChannels", j], "channel"));
  });
  touchpoints.forEach((t, i) => {
    if (!isRecord(t)) return;
    if (str(t["channel"], ["touchpoints", i, "channel"])) known(channelIds, t["channel"], ["touchpoints", i, "channel"], "channel");
    strings(t["stages"], ["touchpoints", i, "stages"]).forEach((s, j) => known(stageIds, s, ["touchpoints", i, "stages", j], "stage"));
    if (!OWNERSHIP.includes(t["ownership"] as string)) err(ErrorCodes.INVALID_FIELD, "ownership owned, paid or earned", ["touchpoints", i, "ownership"], t["ownership"]);
    strings(t["emits"], ["touchpoints", i, "emits"]);
  });
  const cellKeys = new Set<string>();
  cells.forEach((c, i) => {
    const path = ["cells", i];
    if (!isRecord(c)) return err(ErrorCodes.INVALID_FIELD, "a cell object", path, c);
    const okStage = str(c["stage"], [...path, "stage"]);
    const okPersona = str(c["persona"], [...path, "persona"]);
    if (okStage) known(stageIds, c["stage"] as string, [...path, "stage"], "stage");
    if (okPersona) known(personaIds, c["persona"] as string, [...path, "persona"], "persona");
    if (okStage && okPersona) {
      const key = JSON.stringify([c["stage"], c["persona"]]);
      if (cellKeys.has(key)) err(ErrorCodes.DUPLICATE_ID, "one cell per stage × persona", [...path, "stage"], c["stage"]);
      cellKeys.add(key);
    }
    strings(c["touchpoints"], [...path, "touchpoints"]).forEach((t, j) => known(touchpointIds, t, [...path, "touchpoints", j], "touchpoint"));
    strings(c["goals"], [...path, "goals"]);
    strings(c["painPoints"], [...path, "painPoints"]);
    list(c["emotions"], [...path, "emotions"]).forEach((e, j) => {
      const ep = [...path, "emotions", j];
      if (!isRecord(e)) return err(ErrorCodes.INVALID_FIELD, "an emotion { label, valence }", ep, e);
      str(e["label"], [...ep, "label"]);
      const v = e["valence"];
      if (typeof v !== "number" || !Number.isFinite(v)) err(ErrorCodes.INVALID_FIELD, "a finite valence", [...ep, "valence"], v);
      else if (v < -1 || v > 1) err(ErrorCodes.OUT_OF_RANGE, "a valence in [-1, 1]", [...ep, "valence"], v);
    });
    const kpis = list(c["kpis"], [...path, "kpis"]);
    ids(kpis, [...path, "kpis"], "kpi");
    kpis.forEach((k, j) => {
      if (isRecord(k)) str(k["metric"], [...path, "kpis", j, "metric"]);
    });
  });
  return errors.length === 0 ? { valid: true, map: raw as unknown as JourneyMap, errors: [] } : { valid: false, errors };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
