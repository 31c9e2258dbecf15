import { BoundedCache } from "../../ids/BoundedCache.js";
import type { CustomerStateDoc } from "./CustomerStateDoc.js";

/**
 * The parsed saved states ({@link CustomerStateDoc}) of the customers a
 * server process ingested for recently, so the next batch for them neither
 * reads the JSON again nor parses it: at 1,000 customers a batch, reading
 * and parsing their states was about a tenth of the batch's time.
 *
 * The database stays the truth. Every write of `customers.state` writes a
 * fresh random revision to `customers.state_rev` beside it ({@link newStateRev});
 * a copy here is used only while the row still carries the revision the copy
 * was written with. Another process's write, a batch rolled back after its
 * copies were kept, or a row written by an older version (no revision) all
 * show a different revision, and the state is read and parsed from the row.
 * Two revisions are equal by chance with probability 2⁻⁵², per customer and
 * batch.
 *
 * One cache per ORM instance (keyed by its configuration object, so two
 * servers in one process never share one), bounded: past `capacity`
 * customers, the oldest entries are dropped first.
 */
export class StateCache {
  readonly #entries: BoundedCache<string, { readonly rev: number; readonly doc: CustomerStateDoc }>;

  constructor(readonly capacity = 50_000) {
    this.#entries = new BoundedCache(capacity);
  }

  /** The copy of a customer's state when the row's revision is still the one it was written with. */
  get(workspaceId: number, customerId: number, rowRev: number | null): CustomerStateDoc | undefined {
    if (rowRev === null) return undefined;
    const hit = this.#entries.get(`${workspaceId}:${customerId}`);
    return hit !== undefined && hit.rev === rowRev ? hit.doc : undefined;
  }

  /** Keeps the state just written with revision `rev`. */
  set(workspaceId: number, customerId: number, rev: number, doc: CustomerStateDoc): void {
    this.#entries.set(`${workspaceId}:${customerId}`, { rev, doc });
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** A revision for a state write: a random integer below 2⁵³ (exact in SQLite's and PostgreSQL's doubles). */
export function newStateRev(): number {
  return Math.floor(Math.random() * 2 ** 53);
}

const caches = new WeakMap<object, StateCache>();

/** The cache of the ORM instance `config` belongs to. */
export function stateCacheOf(config: object): StateCache {
  let cache = caches.get(config);
  if (!cache) caches.set(config, (cache = new StateCache()));
  return cache;
}
