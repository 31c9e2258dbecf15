import { Migration } from '@mikro-orm/migrations';

/**
 * Ingestion rewrites each touched customer's row (stage, rung, score, saved
 * state) in every batch. Leaving 30% of each `customers` page free lets
 * PostgreSQL make those HOT updates (none of the columns is indexed): the new
 * row version goes on the same page and no index is touched. Pages written
 * before this migration keep their fill until rewritten.
 *
 * The SQLite migration of the same name drops the automatic foreign-key index
 * on `interactions.workspace_id`; MikroORM never creates foreign-key indexes
 * on PostgreSQL, so there is none to drop here (`if exists` keeps it a no-op).
 */
export class Migration20261204030000_ingestIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "interactions_workspace_id_index";`);
    this.addSql(`alter table "customers" set (fillfactor = 70);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customers" reset (fillfactor);`);
  }

}
