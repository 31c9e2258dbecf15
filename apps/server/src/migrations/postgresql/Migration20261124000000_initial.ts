import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000000_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "workspaces" ("id" serial primary key, "slug" varchar(64) not null, "name" varchar(255) not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "workspaces" add constraint "workspaces_slug_unique" unique ("slug");`);

    this.addSql(`create table "customers" ("id" serial primary key, "workspace_id" int not null, "external_id" varchar(191) not null, "email" varchar(255) null, "traits" jsonb null, "created_at" timestamptz not null);`);
    this.addSql(`create index "customers_workspace_id_index" on "customers" ("workspace_id");`);
    this.addSql(`alter table "customers" add constraint "customers_workspace_id_external_id_unique" unique ("workspace_id", "external_id");`);

    this.addSql(`create table "survey_responses" ("id" serial primary key, "workspace_id" int not null, "customer_id" int null, "survey" varchar(64) not null, "kind" varchar(8) not null, "score" int null, "scale_min" int not null, "scale_max" int not null, "touchpoint" varchar(255) null, "channel" varchar(255) null, "responded_at" timestamptz not null);`);
    this.addSql(`create index "survey_responses_workspace_id_index" on "survey_responses" ("workspace_id");`);
    this.addSql(`create index "survey_responses_customer_id_index" on "survey_responses" ("customer_id");`);
    this.addSql(`create index "survey_responses_workspace_id_kind_responded_at_index" on "survey_responses" ("workspace_id", "kind", "responded_at");`);

    this.addSql(`create table "orders" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "external_id" varchar(191) null, "ordered_at" timestamptz not null, "amount_cents" int not null, "items" int not null default 1);`);
    this.addSql(`create index "orders_workspace_id_index" on "orders" ("workspace_id");`);
    this.addSql(`create index "orders_customer_id_index" on "orders" ("customer_id");`);
    this.addSql(`create index "orders_workspace_id_ordered_at_index" on "orders" ("workspace_id", "ordered_at");`);

    this.addSql(`alter table "customers" add constraint "customers_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "survey_responses" add constraint "survey_responses_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "orders" add constraint "orders_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "orders" add constraint "orders_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customers" drop constraint "customers_workspace_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_workspace_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_workspace_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_customer_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_customer_id_foreign";`);

    this.addSql(`drop table if exists "workspaces" cascade;`);

    this.addSql(`drop table if exists "customers" cascade;`);

    this.addSql(`drop table if exists "survey_responses" cascade;`);

    this.addSql(`drop table if exists "orders" cascade;`);
  }

}
