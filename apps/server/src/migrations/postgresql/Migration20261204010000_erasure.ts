import { Migration } from '@mikro-orm/migrations';

export class Migration20261204010000_erasure extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "customer_erasures" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "reference" varchar(64) not null, "erased_at" timestamptz not null, "counts" jsonb not null, "personal_properties" jsonb not null);`);
    this.addSql(`create index "customer_erasures_workspace_id_customer_id_index" on "customer_erasures" ("workspace_id", "customer_id");`);
    this.addSql(`alter table "customer_erasures" add constraint "customer_erasures_workspace_id_reference_unique" unique ("workspace_id", "reference");`);

    this.addSql(`alter table "customer_erasures" add constraint "customer_erasures_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "customer_erasures" add constraint "customer_erasures_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "customer_erasures" cascade;`);
  }

}
