import { Migration } from '@mikro-orm/migrations';

export class Migration20261203000000_engagementModels extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "engagement_strategies" ("id" serial primary key, "workspace_id" int not null, "definition" jsonb not null, "capacities" jsonb not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "engagement_strategies" add constraint "engagement_strategies_workspace_id_unique" unique ("workspace_id");`);

    this.addSql(`create table "engagement_model_versions" ("id" serial primary key, "workspace_id" int not null, "model_id" varchar(64) not null, "version" int not null, "definition" jsonb not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "engagement_model_versions" add constraint "engagement_model_versions_workspace_id_model_id_version_unique" unique ("workspace_id", "model_id", "version");`);

    this.addSql(`create table "model_assignments" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "model_id" varchar(64) not null, "version" int not null, "reason" text not null, "segment" varchar(64) null, "rank" int null, "assigned_at" timestamptz not null);`);
    this.addSql(`create index "model_assignments_workspace_id_model_id_index" on "model_assignments" ("workspace_id", "model_id");`);
    this.addSql(`alter table "model_assignments" add constraint "model_assignments_workspace_id_customer_id_unique" unique ("workspace_id", "customer_id");`);

    this.addSql(`alter table "engagement_strategies" add constraint "engagement_strategies_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "engagement_model_versions" add constraint "engagement_model_versions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "model_assignments" add constraint "model_assignments_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "model_assignments" add constraint "model_assignments_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_strategies" cascade;`);

    this.addSql(`drop table if exists "engagement_model_versions" cascade;`);

    this.addSql(`drop table if exists "model_assignments" cascade;`);
  }

}
