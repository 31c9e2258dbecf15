import { Migration } from '@mikro-orm/migrations';

export class Migration20261129000000_customerState extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "customers" add column "state" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customers" drop column "state";`);
  }

}
