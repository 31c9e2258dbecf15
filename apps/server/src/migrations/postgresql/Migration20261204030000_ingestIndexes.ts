import { Migration } from '@mikro-orm/migrations';

/**
 * The SQLite migration of the same name drops the automatic foreign-key index
 * on `interactions.workspace_id`. MikroORM never creates foreign-key indexes
 * on PostgreSQL, so there is nothing to drop here: the migration exists so
 * both dialects list the same migrations.
 */
export class Migration20261204030000_ingestIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "interactions_workspace_id_index";`);
  }

  override async down(): Promise<void> {}

}
