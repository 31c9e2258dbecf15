import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { describe } from "../_internal/assert.js";
import type { Interaction } from "../journey/Interaction.js";
import type { IdentifierRef } from "./IdentifierRef.js";
import type { IdentityGraphOptions } from "./IdentityGraphOptions.js";
import type { IdentityProfile, MergeRecord, ObserveResult, RefusedLink } from "./IdentityRecords.js";
import { normalizeIdentifier } from "./normalizeIdentifier.js";

const DEFAULT_PRIORITIES = ["userId", "externalId", "email", "phone", "deviceId"];
// Shared empty result list: most observations refuse nothing and merge nothing.
const NONE: readonly never[] = Object.freeze([]);


/**
 * Omnichannel identity stitching: profiles that share an identifier (email,
 * phone, device id, user id, external id…) become one customer, with
 * provenance, limits and undo.
 *
 * Model: every identifier is a node of a union-find (disjoint-set forest
 * with path halving and union by size; Tarjan 1975, "Efficiency of a good
 * but not linear set union algorithm", JACM 22(2)). An observation (an
 * identify call, or an interaction carrying several identifiers) links its
 * identifiers to its most trusted one (the anchor, by `priorities`); a link
 * between two profiles is a merge and is logged with the observation that
 * caused it. A link is refused (and logged) when an identifier is blocked or
 * when the merged profile would exceed a per-kind limit (default: at most one
 * `userId`), so a shared support address or a shared tablet cannot fuse
 * everyone — the identity-resolution rules of customer-data platforms
 * (Segment Unify "identity resolution settings": limits, priorities, blocked values).
 *
 * Undo: the graph keeps its observation log, so {@link IdentityGraph.unmerge}
 * suppresses the link that made a merge and replays the log; both profiles
 * come back with their identifiers and interactions. Without limits the
 * resulting profiles do not depend on the order of observations (they are
 * the connected components of the links); with limits, earlier links win.
 *
 * Complexity: observe is O(m · α(n)) for m identifiers; unmerge O(total log).
 *
 * @category Identity
 * @example
 * const g = new IdentityGraph({ blocked: [{ kind: "email", value: "support@shop.com" }] });
 * g.observe([{ kind: "deviceId", value: "d1" }, { kind: "email", value: "ana@x.com" }]);
 * g.observe([{ kind: "email", value: "ANA@x.com" }, { kind: "userId", value: "42" }]).merges.length // => 1
 * g.profileOf({ kind: "deviceId", value: "d1" }) // => "userId:42"
 */
export class IdentityGraph {
  readonly #limits: ReadonlyMap<string, number>;
  readonly #rank: ReadonlyMap<string, number>;
  readonly #blockedExact = new Set<string>();
  readonly #blockedAnyKind = new Set<string>();
  // The observation log, flat: observation i owns identifiers #logIds[#logStart[i] .. #logStart[i + 1]).
  // Parallel arrays instead of one object per observation keep a million-event log cheap for the GC.
  readonly #logStart: number[] = [0];
  readonly #logIds: IdentifierRef[] = [];
  readonly #logSource: (string | undefined)[] = [];
  readonly #logAt: number[] = []; // NaN = none, so the array stays unboxed doubles
  readonly #logIt: (Interaction | undefined)[] = [];
  readonly #suppressed = new Set<string>();
  readonly #undone = new Map<string, MergeRecord>();
  // Per observation touched by an unmerge: the merges it may still make on replay (no new ones appear).
  readonly #allowed = new Map<number, Set<string>>();
  // Rebuilt by #reset / replay.
  // kind → value → node; two levels so lookups hash the caller's value string without building a key.
  #node = new Map<string, Map<string, number>>();
  #refs: IdentifierRef[] = [];
  #parent: number[] = [];
  #size: number[] = [];
  #canon: number[] = [];
  readonly #scratchNodes: number[] = [];
  readonly #scratchBlocked: boolean[] = [];
  #limitKinds: string[] = [];
  #limitValues: number[] = [];
  #limitCounts: number[][] = [];
  /** Per observation: the node its interaction is filed under, −1 when it has none. */
  #obsNode: number[] = [];
  // Active merges in parallel arrays (observation, position, anchor position, canonical nodes of
  // both profiles just before); records are built on demand so a large graph retains few objects.
  #mObs: number[] = [];
  #mPos: number[] = [];
  #mAnchor: number[] = [];
  #mA: number[] = [];
  #mB: number[] = [];
  #refused: RefusedLink[] = [];
  #profiles = 0;

  constructor(options: IdentityGraphOptions = {}) {
    const limits = options.limits ?? { userId: 1 };
    this.#limits = new Map(
      Object.entries(limits).map(([k, v]) => {
        if (!(typeof v === "number" && Number.isInteger(v) && v >= 1)) {
          throw new InputError(ErrorCodes.INVALID_OPTION, `IdentityGraph requires integer limits ≥ 1, got ${describe(v)} for ${k}`, ["options", "limits", k], v);
        }
        return [k, v] as const;
      }),
    );
    this.#rank = new Map((options.priorities ?? DEFAULT_PRIORITIES).map((k, i) => [k, i]));
    for (const b of options.blocked ?? []) {
      if (b.kind === undefined) this.#blockedAnyKind.add(b.value.trim().toLowerCase());
      else {
        const n = normalizeIdentifier({ kind: b.kind, value: b.value });
        this.#blockedExact.add(`${n.kind}:${n.value}`);
      }
    }
    this.#limitKinds = [...this.#limits.keys()];
    this.#limitValues = [...this.#limits.values()];
    this.#limitCounts = this.#limitKinds.map(() => []);
  }

  /**
   * Records that `identifiers` belong to one customer and links them
   * (subject to blocks and limits). Returns the resulting profile of the
   * anchor, the merges made and the links refused.
   *
   * @throws {InputError} `METRIC.EMPTY_SAMPLE` for no identifiers; `JOURNEY.INVALID_FIELD` for an empty kind or value
   */
  observe(identifiers: readonly IdentifierRef[], provenance: { readonly source?: string; readonly at?: number } = {}): ObserveResult {
    return this.#record(identifiers, provenance.source, provenance.at, undefined);
  }

  /**
   * Links the interaction's `customer` with its `identifiers` (as
   * {@link IdentityGraph.observe}, provenance = the interaction id and time)
   * and files the interaction under its `customer` identifier.
   */
  addInteraction(interaction: Interaction): ObserveResult {
    const extra = interaction.identifiers;
    this.#logIds.push(normalizeIdentifier(interaction.customer));
    if (extra !== undefined) for (const r of extra) this.#logIds.push(normalizeIdentifier(r));
    return this.#close(interaction.id, interaction.timestamp, interaction);
  }

  /** Profile id of an identifier, or undefined if it was never observed. */
  profileOf(ref: IdentifierRef): string | undefined {
    const n = normalizeIdentifier(ref);
    const node = this.#node.get(n.kind)?.get(n.value);
    return node === undefined ? undefined : this.#profileId(this.#find(node));
  }

  /** The profile with this id, or undefined. O(n): it groups the whole graph. */
  profile(id: string): IdentityProfile | undefined {
    const cut = id.indexOf(":");
    const node = cut < 0 ? undefined : this.#node.get(id.slice(0, cut))?.get(id.slice(cut + 1));
    if (node === undefined) return undefined;
    const root = this.#find(node);
    if (this.#canon[root] !== node) return undefined;
    return this.profiles().find((p) => p.id === id);
  }

  /** All profiles, ordered by their first-seen identifier. O(n). */
  profiles(): readonly IdentityProfile[] {
    const byRoot = new Map<number, { ids: IdentifierRef[]; its: Interaction[] }>();
    for (let v = 0; v < this.#refs.length; v++) {
      const r = this.#find(v);
      let g = byRoot.get(r);
      if (g === undefined) byRoot.set(r, (g = { ids: [], its: [] }));
      g.ids.push(this.#refs[v] as IdentifierRef);
    }
    for (let i = 0; i < this.#obsNode.length; i++) {
      const v = this.#obsNode[i] as number;
      if (v >= 0) byRoot.get(this.#find(v))?.its.push(this.#logIt[i] as Interaction);
    }
    return [...byRoot].map(([r, g]) => ({
      id: this.#profileId(r),
      primary: this.#refs[this.#canon[r] as number] as IdentifierRef,
      identifiers: g.ids,
      interactions: g.its,
    }));
  }

  /** Number of profiles. O(1). */
  get size(): number {
    return this.#profiles;
  }

  /** Every merge in observation order, undone ones included (flagged). */
  merges(): readonly MergeRecord[] {
    const active = this.#mObs.map((_, k) => this.#mergeRecord(k));
    return [...active, ...this.#undone.values()].sort((a, b) => a.observation - b.observation || (a.id < b.id ? -1 : 1));
  }

  /** Every refused link in observation order. */
  refused(): readonly RefusedLink[] {
    return this.#refused;
  }

  /**
   * Undoes a merge: the link that made it is suppressed and the log
   * replayed, so both profiles return with their identifiers and
   * interactions. The observation that made it makes no other merge than
   * those it had made; if other observations also link the two sides, their
   * merges remain (each can be undone in turn). Returns the profile ids of
   * the two identifiers of the undone link.
   *
   * @throws {InputError} `JOURNEY.UNKNOWN_REFERENCE` for an unknown or already undone merge id
   */
  unmerge(mergeId: string): readonly [string, string] {
    const k = this.#mergeIndex(mergeId);
    const rec = k < 0 ? undefined : this.#mergeRecord(k);
    if (rec === undefined) {
      throw new InputError(ErrorCodes.UNKNOWN_REFERENCE, `IdentityGraph.unmerge requires the id of an active merge, got ${describe(mergeId)}`, ["mergeId"], mergeId);
    }
    this.#suppressed.add(mergeId);
    const keep = new Set<string>();
    for (let j = 0; j < this.#mObs.length; j++) if (this.#mObs[j] === rec.observation && j !== k) keep.add(`m${rec.observation}.${this.#mPos[j]}`);
    this.#allowed.set(rec.observation, keep);
    this.#undone.set(mergeId, { ...rec, undone: true });
    this.#replay();
    return [this.profileOf(rec.via[0]) as string, this.profileOf(rec.via[1]) as string];
  }

  #record(identifiers: readonly IdentifierRef[], source: string | undefined, at: number | undefined, interaction: Interaction | undefined): ObserveResult {
    if (identifiers.length === 0) throw new InputError(ErrorCodes.EMPTY_SAMPLE, "IdentityGraph.observe requires at least one identifier", ["identifiers"], identifiers);
    const normalized = identifiers.map(normalizeIdentifier); // validate all before logging any
    for (const r of normalized) this.#logIds.push(r);
    return this.#close(source, at, interaction);
  }

  /** Ends the observation whose identifiers were just pushed, and applies it. */
  #close(source: string | undefined, at: number | undefined, interaction: Interaction | undefined): ObserveResult {
    this.#logStart.push(this.#logIds.length);
    this.#logSource.push(source);
    this.#logAt.push(at ?? Number.NaN);
    this.#logIt.push(interaction);
    return this.#apply(this.#logSource.length - 1);
  }

  #apply(index: number): ObserveResult {
    const s0 = this.#logStart[index] as number;
    const m = (this.#logStart[index + 1] as number) - s0;
    const ids = this.#logIds;
    // Scratch arrays reused across calls (#apply is not re-entrant).
    const nodes = this.#scratchNodes;
    const blocked = this.#scratchBlocked;
    nodes.length = m;
    blocked.length = m;
    for (let p = 0; p < m; p++) {
      const r = ids[s0 + p] as IdentifierRef;
      nodes[p] = this.#nodeOf(r);
      blocked[p] =
        (this.#blockedExact.size > 0 && this.#blockedExact.has(`${r.kind}:${r.value}`)) ||
        (this.#blockedAnyKind.size > 0 && this.#blockedAnyKind.has(r.value.toLowerCase()));
    }
    let anchorPos = -1;
    for (let p = 0; p < nodes.length; p++) {
      if (blocked[p]) continue;
      if (anchorPos < 0 || this.#rankOf(ids[s0 + p] as IdentifierRef) < this.#rankOf(ids[s0 + anchorPos] as IdentifierRef)) anchorPos = p;
    }
    const firstMerge = this.#mObs.length;
    let refused: RefusedLink[] | undefined;
    const anchor = nodes[anchorPos < 0 ? 0 : anchorPos] as number;
    // Identifiers whose link an unmerge suppressed: no other position of this observation may re-join their profile.
    const allowed = this.#allowed.size === 0 ? undefined : this.#allowed.get(index);
    const forbidden: number[] = allowed === undefined ? (NONE as never[]) : [];
    if (allowed !== undefined) for (let p = 0; p < nodes.length; p++) if (this.#suppressed.has(`m${index}.${p}`)) forbidden.push(nodes[p] as number);
    for (let p = 0; p < nodes.length; p++) {
      if (p === anchorPos) continue;
      const ref = ids[s0 + p] as IdentifierRef;
      if (blocked[p]) {
        (refused ??= []).push({ observation: index, identifier: ref, reason: "blocked" });
        continue;
      }
      if (anchorPos < 0) continue;
      const ra = this.#find(anchor);
      const rb = this.#find(nodes[p] as number);
      if (ra === rb) continue;
      const id = `m${index}.${p}`;
      if (allowed !== undefined && (!allowed.has(id) || forbidden.some((f) => this.#find(f) === rb))) {
        (refused ??= []).push({ observation: index, identifier: ref, reason: "unmerged" });
        continue;
      }
      const over = this.#overLimit(ra, rb);
      if (over !== undefined) {
        (refused ??= []).push({ observation: index, identifier: ref, reason: "limit", kind: over });
        continue;
      }
      this.#mObs.push(index);
      this.#mPos.push(p);
      this.#mAnchor.push(anchorPos);
      this.#mA.push(this.#canon[ra] as number);
      this.#mB.push(this.#canon[rb] as number);
      this.#union(ra, rb);
    }
    this.#obsNode[index] = this.#logIt[index] === undefined ? -1 : (nodes[0] as number);
    if (refused !== undefined) for (const r of refused) this.#refused.push(r);
    let merges: readonly MergeRecord[] = NONE;
    if (this.#mObs.length > firstMerge) {
      const list: MergeRecord[] = [];
      for (let k = firstMerge; k < this.#mObs.length; k++) list.push(this.#mergeRecord(k));
      merges = list;
    }
    return { profileId: this.#profileId(this.#find(anchor)), merges, refused: refused ?? NONE };
  }

  #mergeRecord(k: number): MergeRecord {
    const index = this.#mObs[k] as number;
    const s0 = this.#logStart[index] as number;
    const source = this.#logSource[index];
    const at = this.#logAt[index] as number;
    const key = (v: number): string => {
      const r = this.#refs[v] as IdentifierRef;
      return `${r.kind}:${r.value}`;
    };
    const rec: { -readonly [K in keyof MergeRecord]: MergeRecord[K] } = {
      id: `m${index}.${this.#mPos[k] as number}`,
      observation: index,
      via: [this.#logIds[s0 + (this.#mAnchor[k] as number)] as IdentifierRef, this.#logIds[s0 + (this.#mPos[k] as number)] as IdentifierRef],
      profiles: [key(this.#mA[k] as number), key(this.#mB[k] as number)],
      undone: false,
    };
    if (source !== undefined) rec.source = source;
    if (!Number.isNaN(at)) rec.at = at;
    return rec;
  }

  #mergeIndex(id: string): number {
    const m = /^m(\d+)\.(\d+)$/.exec(id);
    if (m === null) return -1;
    const obs = Number(m[1]);
    const pos = Number(m[2]);
    for (let k = 0; k < this.#mObs.length; k++) if (this.#mObs[k] === obs && this.#mPos[k] === pos) return k;
    return -1;
  }

  #rankOf(r: IdentifierRef): number {
    return this.#rank.get(r.kind) ?? this.#rank.size;
  }

  #nodeOf(r: IdentifierRef): number {
    let byValue = this.#node.get(r.kind);
    if (byValue === undefined) this.#node.set(r.kind, (byValue = new Map()));
    let v = byValue.get(r.value);
    if (v === undefined) {
      v = this.#refs.length;
      byValue.set(r.value, v);
      this.#refs.push(r);
      this.#parent.push(v);
      this.#size.push(1);
      this.#canon.push(v);
      for (let j = 0; j < this.#limitKinds.length; j++) (this.#limitCounts[j] as number[]).push(r.kind === this.#limitKinds[j] ? 1 : 0);
      this.#profiles++;
    }
    return v;
  }

  #find(v: number): number {
    const p = this.#parent;
    while (p[v] !== v) {
      const gp = p[p[v] as number] as number;
      p[v] = gp;
      v = gp;
    }
    return v;
  }

  #overLimit(a: number, b: number): string | undefined {
    for (let j = 0; j < this.#limitKinds.length; j++) {
      const arr = this.#limitCounts[j] as number[];
      if ((arr[a] as number) + (arr[b] as number) > (this.#limitValues[j] as number)) return this.#limitKinds[j];
    }
    return undefined;
  }

  #union(a: number, b: number): void {
    const [big, small] = (this.#size[a] as number) >= (this.#size[b] as number) ? [a, b] : [b, a];
    this.#parent[small] = big;
    this.#size[big] = (this.#size[big] as number) + (this.#size[small] as number);
    for (const arr of this.#limitCounts) arr[big] = (arr[big] as number) + (arr[small] as number);
    const ca = this.#canon[big] as number;
    const cb = this.#canon[small] as number;
    this.#canon[big] = this.#better(ca, cb) ? ca : cb;
    this.#profiles--;
  }

  #better(x: number, y: number): boolean {
    const rx = this.#rank.get((this.#refs[x] as IdentifierRef).kind) ?? this.#rank.size;
    const ry = this.#rank.get((this.#refs[y] as IdentifierRef).kind) ?? this.#rank.size;
    return rx < ry || (rx === ry && x < y);
  }

  #profileId(root: number): string {
    const r = this.#refs[this.#canon[root] as number] as IdentifierRef;
    return `${r.kind}:${r.value}`;
  }

  #replay(): void {
    this.#node = new Map();
    this.#refs = [];
    this.#parent = [];
    this.#size = [];
    this.#canon = [];
    this.#limitCounts = this.#limitKinds.map(() => []);
    this.#obsNode = [];
    this.#mObs = [];
    this.#mPos = [];
    this.#mAnchor = [];
    this.#mA = [];
    this.#mB = [];
    this.#refused = [];
    this.#profiles = 0;
    for (let i = 0; i < this.#logSource.length; i++) this.#apply(i);
  }
}
