import { Migration } from '@mikro-orm/migrations';

export class Migration20261204020000_triggers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "triggers" ("id" serial primary key, "workspace_id" int not null, "key" varchar(191) not null, "definition" jsonb not null, "paused" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "triggers" add constraint "triggers_workspace_id_key_unique" unique ("workspace_id", "key");`);

    this.addSql(`create table "trigger_actions" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "trigger_key" varchar(191) not null, "dedup_key" varchar(512) not null, "cause" text not null, "condition_kind" varchar(32) not null, "status" varchar(16) not null, "priority" double precision not null, "reason" text not null, "rule" varchar(32) null, "rule_reason" text null, "action_type" varchar(16) not null, "channel" varchar(64) null, "purpose" varchar(16) null, "action" jsonb not null, "fired_at" timestamptz not null, "due_at" timestamptz null, "done_at" timestamptz null);`);
    this.addSql(`create index "trigger_actions_workspace_id_status_id_index" on "trigger_actions" ("workspace_id", "status", "id");`);
    this.addSql(`create index "trigger_actions_workspace_id_trigger_key_index" on "trigger_actions" ("workspace_id", "trigger_key");`);
    this.addSql(`create index "trigger_actions_workspace_id_customer_id_due_at_index" on "trigger_actions" ("workspace_id", "customer_id", "due_at");`);
    this.addSql(`alter table "trigger_actions" add constraint "trigger_actions_workspace_id_dedup_key_unique" unique ("workspace_id", "dedup_key");`);

    this.addSql(`create table "contact_policies" ("id" serial primary key, "workspace_id" int not null, "document" jsonb not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "contact_policies" add constraint "contact_policies_workspace_id_unique" unique ("workspace_id");`);

    this.addSql(`alter table "triggers" add constraint "triggers_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "trigger_actions" add constraint "trigger_actions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "trigger_actions" add constraint "trigger_actions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "contact_policies" add constraint "contact_policies_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "customers" add column "trigger_state" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "triggers" cascade;`);

    this.addSql(`drop table if exists "trigger_actions" cascade;`);

    this.addSql(`drop table if exists "contact_policies" cascade;`);

    this.addSql(`alter table "customers" drop column "trigger_state";`);
  }

}
