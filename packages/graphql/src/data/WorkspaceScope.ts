import type { EntityName } from "@mikro-orm/core";
import type { EntityManager, QueryBuilder } from "@mikro-orm/knex";
import { WORKSPACE_FILTER } from "./ormOptions.js";
import type { SqlReader } from "./SqlReader.js";
import { sqliteTransaction } from "./sqliteTransaction.js";
import type { PluginRuntime } from "../plugins/PluginRuntime.js";

/**
 * The one place that scopes data access to a workspace. A request gets one
 * scope around its own EntityManager fork: entity reads go through the
 * `workspace` filter (its parameter is set here), and SQL aggregates start
 * from {@link WorkspaceScope.qb}, which already carries the workspace
 * condition. Resolvers never add the condition themselves.
 */
export class WorkspaceScope {
  readonly workspaceId: number;
  /** The fast SQLite read path, when the server opened one (see {@link SqlReader}). */
  readonly reader: SqlReader | null;
  /** The installed plugins' condition registry and profile traits (null: engagekit's own kinds only). */
  readonly plugins: PluginRuntime | null;
  #em: EntityManager | null;
  readonly #fork: (() => EntityManager) | null;

  /**
   * `em` may be a function that forks one: the fork is then made on first
   * use, so a request served entirely by the SQLite read path (a list
   * query) never builds an EntityManager it does not need.
   */
  constructor(em: EntityManager | (() => EntityManager), workspaceId: number, reader: SqlReader | null = null, plugins: PluginRuntime | null = null) {
    this.workspaceId = workspaceId;
    this.reader = reader;
    this.plugins = plugins;
    this.#em = typeof em === "function" ? null : this.scoped(em);
    this.#fork = typeof em === "function" ? em : null;
  }

  /** The request's EntityManager, its `workspace` filter set to this workspace. */
  get em(): EntityManager {
    this.#em ??= this.scoped((this.#fork as () => EntityManager)());
    return this.#em;
  }

  private scoped(em: EntityManager): EntityManager {
    em.setFilterParams(WORKSPACE_FILTER, { id: this.workspaceId });
    return em;
  }

  /**
   * Runs a read built with {@link WorkspaceScope.qb} and returns plain rows
   * (no entity hydration). On SQLite it takes the prepared-statement path.
   */
  async rows<T>(qb: QueryBuilder<object>): Promise<T[]> {
    const fast = await this.sqliteReads();
    if (!fast) return qb.execute<T[]>("all", false);
    const { sql, bindings } = qb.getKnexQuery().toSQL().toNative();
    return fast.all<T>(sql, bindings);
  }

  /**
   * SQLite's prepared-statement path for a read: the read-only connection
   * outside a transaction, the transaction's own connection inside one; null
   * on PostgreSQL (the ORM path).
   */
  private async sqliteReads(): Promise<Pick<SqlReader, "all" | "values"> | null> {
    // No EntityManager yet means no transaction yet: the reader serves it.
    if (this.reader && (this.#em === null || !this.#em.getTransactionContext())) return this.reader;
    return sqliteTransaction(this.em);
  }

  /** A query builder on `entity` already restricted to this workspace. */
  qb<T extends object>(entity: EntityName<T>) {
    return this.em.createQueryBuilder(entity, "t").where({ workspace: this.workspaceId } as never);
  }

  /**
   * Runs a read in raw SQL (window functions and the like). The SQL must
   * filter on `workspace_id = ?` as its first placeholder; the scope binds it.
   */
  async select<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.read<T>(sql, params, false);
  }

  /**
   * {@link WorkspaceScope.select} with each row as an array of its columns in
   * select order: on SQLite no object is built per row, the cheaper read
   * when a statement returns many rows (PostgreSQL's rows are converted,
   * so the selected column names must be distinct).
   */
  async selectValues<T extends readonly unknown[]>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.read<T>(sql, params, true);
  }

  /** {@link WorkspaceScope.select} and {@link WorkspaceScope.selectValues}: rows as objects, or as arrays (`raw`). */
  private async read<T>(sql: string, params: readonly unknown[], raw: boolean): Promise<T[]> {
    if (!/workspace_id\s*=\s*\?/.test(sql)) throw new Error("scoped SQL must filter on workspace_id = ? (its first placeholder)");
    const bound = [this.workspaceId, ...params];
    const fast = await this.sqliteReads();
    if (fast) return raw ? (fast.values(sql, bound) as unknown as T[]) : fast.all<T>(sql, bound);
    // Inside a transaction, run on its connection.
    const rows = await this.em.getConnection().execute<Record<string, unknown>[]>(sql, bound, "all", this.em.getTransactionContext());
    return (raw ? rows.map((r) => Object.values(r)) : rows) as unknown as T[];
  }

  /** The same workspace on another EntityManager (a transaction's). */
  with(em: EntityManager): WorkspaceScope {
    return new WorkspaceScope(em, this.workspaceId, this.reader, this.plugins);
  }

  /**
   * Runs a statement that names the workspace with the `:workspace` token
   * (once, anywhere: `update … set … where workspace_id = :workspace`); the
   * scope binds it at that position among the `?` placeholders.
   */
  async execute<T = unknown>(sql: string, params: readonly unknown[] = [], method: "all" | "run" = "run"): Promise<T> {
    const at = sql.indexOf("workspace_id = :workspace");
    if (at < 0 || sql.indexOf(":workspace", at + "workspace_id = :workspace".length) >= 0) throw new Error("scoped SQL must contain `workspace_id = :workspace` exactly once");
    const before = (sql.slice(0, at).match(/\?/g) ?? []).length;
    const bound = [...params.slice(0, before), this.workspaceId, ...params.slice(before)];
    const tx = await sqliteTransaction(this.em);
    if (tx) return (method === "all" ? tx.all(sql.replace(":workspace", "?"), bound) : tx.run(sql.replace(":workspace", "?"), bound)) as T;
    return this.em.getConnection().execute(sql.replace(":workspace", "?"), bound, method, this.em.getTransactionContext()) as Promise<T>;
  }
}
