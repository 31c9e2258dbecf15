import { Migration } from "@mikro-orm/migrations";

export class Migration20261204000000_subscriptions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "subscriptions" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "plan" varchar(64) not null, "renews_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "subscriptions_customer_id_index" on "subscriptions" ("customer_id");`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_workspace_id_customer_id_unique" unique ("workspace_id", "customer_id");`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "subscriptions" add constraint "subscriptions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "subscriptions" cascade;`);
  }
}
