import { Migration } from '@mikro-orm/migrations';

/**
 * Drops the automatic foreign-key index on `interactions.workspace_id`: every
 * query and foreign-key check that filters on the workspace can use the
 * composite indexes that start with it (workspace_id, customer_id, occurred_at)
 * and (workspace_id, type, occurred_at), so it only cost a B-tree insert per
 * ingested row. `interactions_customer_id_index` stays: it is the only index
 * starting with customer_id, which SQLite's foreign-key check needs when a
 * customer row is deleted or its id changes (plans in BENCHMARKS.md).
 */
export class Migration20261204030000_ingestIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists \`interactions_workspace_id_index\`;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index \`interactions_workspace_id_index\` on \`interactions\` (\`workspace_id\`);`);
  }

}
