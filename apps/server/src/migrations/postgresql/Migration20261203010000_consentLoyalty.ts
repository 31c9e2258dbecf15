import { Migration } from '@mikro-orm/migrations';

export class Migration20261203010000_consentLoyalty extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "points_operations" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "key" varchar(191) not null, "kind" varchar(8) not null, "points" int not null, "at" timestamptz not null, "expires_at" timestamptz null, "reason" text null, "recorded_at" timestamptz not null);`);
    this.addSql(`create index "points_operations_workspace_id_customer_id_at_index" on "points_operations" ("workspace_id", "customer_id", "at");`);
    this.addSql(`alter table "points_operations" add constraint "points_operations_workspace_id_key_unique" unique ("workspace_id", "key");`);

    this.addSql(`create table "consent_events" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "idempotency_key" varchar(191) not null, "purpose" varchar(32) not null, "channel" varchar(64) null, "status" varchar(16) not null, "at" timestamptz not null, "source" varchar(191) not null, "expires_at" timestamptz null, "recorded_at" timestamptz not null);`);
    this.addSql(`create index "consent_events_workspace_id_customer_id_index" on "consent_events" ("workspace_id", "customer_id");`);
    this.addSql(`alter table "consent_events" add constraint "consent_events_workspace_id_idempotency_key_unique" unique ("workspace_id", "idempotency_key");`);

    this.addSql(`alter table "points_operations" add constraint "points_operations_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "points_operations" add constraint "points_operations_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "consent_events" add constraint "consent_events_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "consent_events" add constraint "consent_events_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "points_operations" cascade;`);

    this.addSql(`drop table if exists "consent_events" cascade;`);
  }

}
