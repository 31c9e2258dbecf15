import {
  type ConditionRegistry,
  createSegmentMembership,
  NO_HISTORY_WINDOWS,
  profileChangeKey,
  type HistoryWindows,
  type Profile,
  type ProfileChange,
  validateSegmentDefinition,
  type SegmentDefinition,
  type SegmentIssue,
  type SegmentValidation,
} from "@engagekit/core";
import { GraphQLError } from "graphql";
import type { WorkspaceScope } from "../../data/WorkspaceScope.js";
import { loadProfiles } from "../../data/loadProfiles.js";
import { SegmentMembershipSchema } from "../../entities/Segment.js";
import { chunks } from "../../data/chunks.js";
import { insertRows } from "../../data/insertRows.js";
import { updateColumns } from "../../data/updateColumns.js";
import { dialect } from "../../data/sqlDialect.js";
import type { SegmentRow } from "./Segment.type.js";

/** The core's definition of a stored segment (the key is the core's segment id). */
export function toDefinition(row: Pick<SegmentRow, "key" | "name" | "definition">): SegmentDefinition {
  const condition = typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition;
  return { id: row.key, name: row.name, condition } as SegmentDefinition;
}

/** Every segment of the workspace, in key order. */
export async function loadSegments(scope: WorkspaceScope): Promise<SegmentRow[]> {
  return scope.select<SegmentRow>("select id, key, name, description, definition from segments where workspace_id = ? order by key");
}

/** The condition registry of the scope's plugins, as core segment options (empty: engagekit's kinds). */
export function registryOptions(scope: WorkspaceScope): { readonly registry?: ConditionRegistry } {
  return scope.plugins ? { registry: scope.plugins.registry } : {};
}

/** Validates a definition against the workspace's other segments (for `inSegment` references and cycles) and the plugins' kinds. */
export function validate(definition: SegmentDefinition, others: readonly SegmentRow[], scope?: WorkspaceScope): SegmentValidation {
  const segments = others.filter((s) => s.key !== definition.id).map(toDefinition);
  return validateSegmentDefinition(definition, { segments: [...segments, definition], ...(scope ? registryOptions(scope) : {}) });
}

/** BAD_USER_INPUT carrying every issue, the first one's path as `field`. */
export function invalidDefinition(issues: readonly SegmentIssue[]): GraphQLError {
  const first = issues[0];
  const field = (path: readonly (string | number)[]) => ["input", ...path].join(".");
  return new GraphQLError(`segment definition is invalid: ${first?.message ?? "unknown problem"}`, {
    extensions: {
      code: "BAD_USER_INPUT",
      field: first ? field(first.path) : "input",
      issues: issues.map((i) => ({ code: i.code, path: field(i.path), message: i.message })),
    },
  });
}

/**
 * The core's compiled membership of a set of stored segments, reused while
 * the definitions stay the same (validating and compiling them on every
 * ingestion batch cost more than evaluating a batch's customers). The cache
 * key is the definitions' text, so an edited segment compiles afresh.
 */
const compiledByRegistry = new WeakMap<object, Map<string, ReturnType<typeof createSegmentMembership>>>();
const NO_PLUGINS = {};
const COMPILED_MAX = 64;
function compiledMembership(segments: readonly SegmentRow[], scope: WorkspaceScope): ReturnType<typeof createSegmentMembership> {
  // One cache per condition registry: the same text compiles differently under other plugins.
  const registryKey = scope.plugins?.registry ?? NO_PLUGINS;
  let compiled = compiledByRegistry.get(registryKey);
  if (!compiled) compiledByRegistry.set(registryKey, (compiled = new Map()));
  const key = segments.map((s) => `${s.key}\u0000${s.name}\u0000${typeof s.definition === "string" ? s.definition : JSON.stringify(s.definition)}`).join("\u0001");
  let membership = compiled.get(key);
  if (!membership) {
    const definitions = segments.map(toDefinition);
    membership = createSegmentMembership(definitions, { segments: definitions, ...registryOptions(scope) });
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, membership);
  }
  return membership;
}

/**
 * How far back the workspace's segments read each interaction type's times
 * (the compiled membership's {@link HistoryWindows}; none without segments).
 * Ingestion's saved per-customer state keeps only those times.
 */
export async function segmentHistoryWindows(scope: WorkspaceScope): Promise<HistoryWindows> {
  const segments = await loadSegments(scope);
  return segments.length === 0 ? NO_HISTORY_WINDOWS : compiledMembership(segments, scope).historyWindows;
}

/**
 * The segments every customer of the workspace is in at `at` (epoch ms), by
 * the core's compiled definitions on the current profiles, keyed by customer
 * id (segment keys in key order). Nothing is written: this is what
 * {@link refreshMemberships} would store if it ran at `at`.
 */
export async function segmentKeysAt(scope: WorkspaceScope, at: number): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const segments = await loadSegments(scope);
  const profiles = await loadProfiles(scope, "all");
  if (segments.length === 0) {
    for (const id of profiles.keys()) out.set(id, []);
    return out;
  }
  const membership = compiledMembership(segments, scope);
  for (const [id, profile] of profiles) {
    const state = membership.evaluate(profile, at);
    const keys: string[] = [];
    membership.segmentIds.forEach((key, k) => {
      if (state.member[k]) keys.push(key);
    });
    out.set(id, keys.sort());
  }
  return out;
}

/** What a membership refresh changed, per customer id. */
export interface MembershipChange {
  readonly customerId: number;
  readonly entered: readonly string[];
  readonly exited: readonly string[];
}

/**
 * Re-evaluates segment membership of the given customers (or all) with the
 * core's compiled segments, writes the difference to `segment_memberships`
 * and each customer's next check time (when a time-based condition may flip
 * without any event), and returns what changed. Runs on the caller's
 * EntityManager, so inside ingestion it is part of the batch's transaction.
 */
export async function refreshMemberships(
  scope: WorkspaceScope,
  ids: readonly number[] | "all",
  now = Date.now(),
  only?: {
    readonly changes: ReadonlyMap<number, readonly ProfileChange[]>;
    readonly always: ReadonlySet<number>;
    /** Profiles the caller already loaded (current), to avoid reading the history twice. */
    readonly profiles?: ReadonlyMap<number, Profile>;
    /** The stored next check times (epoch ms, null for none) the caller read: unchanged ones are not written again. */
    readonly nextChecks?: ReadonlyMap<number, number | null>;
  },
): Promise<MembershipChange[]> {
  const segments = await loadSegments(scope);
  if (segments.length === 0) return [];
  const membership = compiledMembership(segments, scope);
  // Incremental: re-evaluate only customers with a change some segment depends on (the core's
  // dependency index), plus those that must be evaluated anyway (new customers).
  let targets = ids;
  if (only && ids !== "all") {
    const affects = new Map<string, boolean>();
    const matters = (c: ProfileChange) => {
      const key = profileChangeKey(c);
      let hit = affects.get(key);
      if (hit === undefined) affects.set(key, (hit = membership.affectedBy(c).length > 0));
      return hit;
    };
    targets = ids.filter((id) => only.always.has(id) || (only.changes.get(id) ?? []).some(matters));
    if (targets.length === 0) return [];
  }
  const given = only?.profiles;
  let profiles: Map<number, Profile>;
  if (given && targets !== "all" && targets.every((id) => given.has(id))) {
    profiles = new Map(targets.map((id) => [id, given.get(id) as Profile]));
    // The caller's profiles lack the plugins' traits (loadProfiles adds them).
    await scope.plugins?.extendProfiles(scope, profiles, now);
  } else profiles = await loadProfiles(scope, targets, now);
  const segmentIdByKey = new Map(segments.map((s) => [s.key, Number(s.id)]));
  // Segment keys by id in JS rather than a join per row: the workspace's segments are loaded already.
  const keyBySegmentId = new Map(segments.map((s) => [Number(s.id), s.key]));
  const customerIds = [...profiles.keys()];
  const current = new Map<number, Set<string>>();
  for (const part of chunks(customerIds)) {
    const rows = await scope.select<{ customer_id: number; segment_id: number }>(
      `select customer_id, segment_id from segment_memberships where workspace_id = ? and customer_id in (${part.map(() => "?").join(", ")})`,
      part,
    );
    for (const r of rows) {
      const key = keyBySegmentId.get(Number(r.segment_id));
      if (key === undefined) continue;
      const id = Number(r.customer_id);
      let set = current.get(id);
      if (!set) current.set(id, (set = new Set<string>()));
      set.add(key);
    }
  }
  const changes: MembershipChange[] = [];
  const inserts: Record<string, unknown>[] = [];
  const deletes: { customer: number; segment: number }[] = [];
  const nextChecks = new Map<number, Date | null>();
  for (const [customerId, profile] of profiles) {
    const state = membership.evaluate(profile, now);
    const now_ = new Set<string>();
    membership.segmentIds.forEach((key, k) => {
      if (state.member[k]) now_.add(key);
    });
    const before = current.get(customerId) ?? new Set<string>();
    const entered = [...now_].filter((k) => !before.has(k)).sort();
    const exited = [...before].filter((k) => !now_.has(k)).sort();
    for (const key of entered) inserts.push({ workspace: scope.workspaceId, segment: segmentIdByKey.get(key), customer: customerId, enteredAt: new Date(now) });
    for (const key of exited) deletes.push({ customer: customerId, segment: segmentIdByKey.get(key) as number });
    if (entered.length || exited.length) changes.push({ customerId, entered, exited });
    nextChecks.set(customerId, Number.isFinite(state.nextCheckAt) ? new Date(state.nextCheckAt) : null);
  }
  // Writes, batched: inserts in multi-row statements, deletes one statement per segment,
  // next-check times through one CASE update per chunk.
  await insertRows(scope.em, SegmentMembershipSchema, ["segment", "customer"], inserts);
  const bySegment = new Map<number, number[]>();
  for (const d of deletes) bySegment.set(d.segment, [...(bySegment.get(d.segment) ?? []), d.customer]);
  for (const [segment, customers] of bySegment) {
    for (const part of chunks(customers)) {
      await scope.execute(
        `delete from segment_memberships where workspace_id = :workspace and segment_id = ? and customer_id in (${part.map(() => "?").join(", ")})`,
        [segment, ...part],
      );
    }
  }
  const pg = dialect(scope.em) === "postgresql";
  const stored = only?.nextChecks;
  const writes = [...nextChecks].filter(([id, at]) => !stored?.has(id) || stored.get(id) !== (at === null ? null : at.getTime()));
  await updateColumns(
    scope,
    "customers",
    { next_check_at: pg ? "timestamptz" : "bigint" },
    writes.map(([id, at]) => ({ id, values: { next_check_at: at === null ? null : pg ? at : at.getTime() } })),
  );
  return changes;
}
