import type { EntityManager } from "@mikro-orm/knex";
import { ReferenceKind, type EntityMetadata } from "@mikro-orm/core";

/**
 * How a table's rows belong to a customer: the customer row itself, a
 * `customer_id` column, or a column pointing at a table that has one
 * (ticket events belong to the customer of their ticket).
 */
export type CustomerLink =
  | { readonly kind: "self" }
  | { readonly kind: "direct"; readonly column: string }
  | { readonly kind: "via"; readonly column: string; readonly table: string; readonly customerColumn: string };

/** A table holding data about customers, from the ORM's metadata. */
export interface CustomerTable {
  readonly table: string;
  readonly meta: EntityMetadata;
  readonly link: CustomerLink;
}

type Meta = EntityMetadata;

function manyToOnes(meta: Meta): { column: string; target: string }[] {
  return Object.values(meta.properties)
    .filter((p) => p.kind === ReferenceKind.MANY_TO_ONE)
    .map((p) => ({ column: p.fieldNames[0] as string, target: p.type }));
}

/**
 * Every table holding data about a customer, derived from the entities (so
 * a new entity with a `customer` reference is exported and scanned without
 * anyone remembering to list it): the customers table, every entity with a
 * many-to-one to Customer, and every entity with a many-to-one to one of
 * those (and no direct link). Ordered as the entities are registered.
 */
export function customerTables(em: EntityManager): CustomerTable[] {
  const all = Object.values(em.getMetadata().getAll()).filter((m) => !m.embeddable && !m.virtual && m.tableName);
  const out: CustomerTable[] = [];
  const direct = new Map<string, { table: string; column: string }>();
  for (const meta of all) {
    if (meta.className === "Customer") {
      out.push({ table: meta.tableName, meta, link: { kind: "self" } });
      continue;
    }
    const ref = manyToOnes(meta).find((r) => r.target === "Customer");
    if (ref) {
      out.push({ table: meta.tableName, meta, link: { kind: "direct", column: ref.column } });
      direct.set(meta.className, { table: meta.tableName, column: ref.column });
    }
  }
  for (const meta of all) {
    if (meta.className === "Customer" || direct.has(meta.className)) continue;
    for (const ref of manyToOnes(meta)) {
      const parent = direct.get(ref.target);
      if (parent) {
        out.push({ table: meta.tableName, meta, link: { kind: "via", column: ref.column, table: parent.table, customerColumn: parent.column } });
        break;
      }
    }
  }
  return out;
}

/**
 * `where` SQL (after `workspace_id = ?`) selecting a table's rows of one
 * customer, and its parameters after the workspace id.
 */
export function customerRows(t: CustomerTable, customerId: number, workspaceId: number): { where: string; params: unknown[] } {
  switch (t.link.kind) {
    case "self":
      return { where: "id = ?", params: [customerId] };
    case "direct":
      return { where: `${t.link.column} = ?`, params: [customerId] };
    case "via":
      return {
        where: `${t.link.column} in (select id from ${t.link.table} where workspace_id = ? and ${t.link.customerColumn} = ?)`,
        params: [workspaceId, customerId],
      };
  }
}
