import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000000_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "workspaces" ("id" serial primary key, "slug" varchar(64) not null, "name" varchar(255) not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "workspaces" add constraint "workspaces_slug_unique" unique ("slug");`);

    this.addSql(`create table "segments" ("id" serial primary key, "workspace_id" int not null, "key" varchar(64) not null, "name" varchar(255) not null, "description" text null, "definition" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "segments" add constraint "segments_workspace_id_key_unique" unique ("workspace_id", "key");`);

    this.addSql(`create table "journey_maps" ("id" serial primary key, "workspace_id" int not null, "key" varchar(64) not null, "name" varchar(255) not null, "document" jsonb not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "journey_maps" add constraint "journey_maps_workspace_id_key_unique" unique ("workspace_id", "key");`);

    this.addSql(`create table "customers" ("id" serial primary key, "workspace_id" int not null, "external_id" varchar(191) not null, "email" varchar(255) null, "traits" jsonb null, "created_at" timestamptz not null, "journey_stage" varchar(32) null, "ladder_tier" varchar(32) null, "engagement_score" double precision null, "rfm_score" varchar(3) null, "predicted_clv" double precision null, "p_alive" double precision null, "next_check_at" timestamptz null);`);
    this.addSql(`create index "customers_workspace_id_index" on "customers" ("workspace_id");`);
    this.addSql(`alter table "customers" add constraint "customers_workspace_id_external_id_unique" unique ("workspace_id", "external_id");`);

    this.addSql(`create table "survey_responses" ("id" serial primary key, "workspace_id" int not null, "customer_id" int null, "survey" varchar(64) not null, "kind" varchar(8) not null, "score" int null, "scale_min" int not null, "scale_max" int not null, "touchpoint" varchar(255) null, "channel" varchar(255) null, "responded_at" timestamptz not null, "idempotency_key" varchar(191) null);`);
    this.addSql(`create index "survey_responses_workspace_id_index" on "survey_responses" ("workspace_id");`);
    this.addSql(`create index "survey_responses_workspace_id_kind_responded_at_index" on "survey_responses" ("workspace_id", "kind", "responded_at");`);
    this.addSql(`create index "survey_responses_workspace_id_customer_id_index" on "survey_responses" ("workspace_id", "customer_id");`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_workspace_id_idempotency_key_unique" unique ("workspace_id", "idempotency_key");`);

    this.addSql(`create table "support_tickets" ("id" serial primary key, "workspace_id" int not null, "customer_id" int null, "external_id" varchar(191) not null, "channel" varchar(64) null, "opened_at" timestamptz not null);`);
    this.addSql(`create index "support_tickets_customer_id_index" on "support_tickets" ("customer_id");`);
    this.addSql(`create index "support_tickets_workspace_id_opened_at_index" on "support_tickets" ("workspace_id", "opened_at");`);
    this.addSql(`alter table "support_tickets" add constraint "support_tickets_workspace_id_external_id_unique" unique ("workspace_id", "external_id");`);

    this.addSql(`create table "ticket_events" ("id" serial primary key, "workspace_id" int not null, "ticket_id" int not null, "idempotency_key" varchar(191) not null, "type" varchar(32) not null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "ticket_events_ticket_id_index" on "ticket_events" ("ticket_id");`);
    this.addSql(`alter table "ticket_events" add constraint "ticket_events_workspace_id_idempotency_key_unique" unique ("workspace_id", "idempotency_key");`);

    this.addSql(`create table "segment_memberships" ("id" serial primary key, "workspace_id" int not null, "segment_id" int not null, "customer_id" int not null, "entered_at" timestamptz not null);`);
    this.addSql(`create index "segment_memberships_workspace_id_segment_id_index" on "segment_memberships" ("workspace_id", "segment_id");`);
    this.addSql(`create index "segment_memberships_workspace_id_customer_id_index" on "segment_memberships" ("workspace_id", "customer_id");`);
    this.addSql(`alter table "segment_memberships" add constraint "segment_memberships_segment_id_customer_id_unique" unique ("segment_id", "customer_id");`);

    this.addSql(`create table "orders" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "external_id" varchar(191) null, "ordered_at" timestamptz not null, "amount_cents" int not null, "items" int not null default 1);`);
    this.addSql(`create index "orders_workspace_id_index" on "orders" ("workspace_id");`);
    this.addSql(`create index "orders_workspace_id_ordered_at_index" on "orders" ("workspace_id", "ordered_at");`);
    this.addSql(`create index "orders_workspace_id_customer_id_ordered_at_index" on "orders" ("workspace_id", "customer_id", "ordered_at");`);
    this.addSql(`alter table "orders" add constraint "orders_workspace_id_external_id_unique" unique ("workspace_id", "external_id");`);

    this.addSql(`create table "interactions" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "idempotency_key" varchar(191) not null, "type" varchar(64) not null, "channel" varchar(64) not null, "touchpoint" varchar(191) null, "occurred_at" timestamptz not null, "properties" jsonb null, "value" double precision null);`);
    this.addSql(`create index "interactions_workspace_id_customer_id_occurred_at_index" on "interactions" ("workspace_id", "customer_id", "occurred_at");`);
    this.addSql(`create index "interactions_workspace_id_type_occurred_at_index" on "interactions" ("workspace_id", "type", "occurred_at");`);
    this.addSql(`alter table "interactions" add constraint "interactions_workspace_id_idempotency_key_unique" unique ("workspace_id", "idempotency_key");`);

    this.addSql(`create table "customer_identities" ("id" serial primary key, "workspace_id" int not null, "customer_id" int not null, "kind" varchar(32) not null, "value" varchar(191) not null);`);
    this.addSql(`create index "customer_identities_customer_id_index" on "customer_identities" ("customer_id");`);
    this.addSql(`alter table "customer_identities" add constraint "customer_identities_workspace_id_kind_value_unique" unique ("workspace_id", "kind", "value");`);

    this.addSql(`alter table "segments" add constraint "segments_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "journey_maps" add constraint "journey_maps_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "customers" add constraint "customers_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);

    this.addSql(`alter table "survey_responses" add constraint "survey_responses_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "support_tickets" add constraint "support_tickets_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "support_tickets" add constraint "support_tickets_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "ticket_events" add constraint "ticket_events_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "ticket_events" add constraint "ticket_events_ticket_id_foreign" foreign key ("ticket_id") references "support_tickets" ("id") on update cascade;`);

    this.addSql(`alter table "segment_memberships" add constraint "segment_memberships_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "segment_memberships" add constraint "segment_memberships_segment_id_foreign" foreign key ("segment_id") references "segments" ("id") on update cascade;`);
    this.addSql(`alter table "segment_memberships" add constraint "segment_memberships_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "orders" add constraint "orders_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "orders" add constraint "orders_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "interactions" add constraint "interactions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "interactions" add constraint "interactions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "customer_identities" add constraint "customer_identities_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
    this.addSql(`alter table "customer_identities" add constraint "customer_identities_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "segments" drop constraint "segments_workspace_id_foreign";`);

    this.addSql(`alter table "journey_maps" drop constraint "journey_maps_workspace_id_foreign";`);

    this.addSql(`alter table "customers" drop constraint "customers_workspace_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_workspace_id_foreign";`);

    this.addSql(`alter table "support_tickets" drop constraint "support_tickets_workspace_id_foreign";`);

    this.addSql(`alter table "ticket_events" drop constraint "ticket_events_workspace_id_foreign";`);

    this.addSql(`alter table "segment_memberships" drop constraint "segment_memberships_workspace_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_workspace_id_foreign";`);

    this.addSql(`alter table "interactions" drop constraint "interactions_workspace_id_foreign";`);

    this.addSql(`alter table "customer_identities" drop constraint "customer_identities_workspace_id_foreign";`);

    this.addSql(`alter table "segment_memberships" drop constraint "segment_memberships_segment_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_customer_id_foreign";`);

    this.addSql(`alter table "support_tickets" drop constraint "support_tickets_customer_id_foreign";`);

    this.addSql(`alter table "segment_memberships" drop constraint "segment_memberships_customer_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_customer_id_foreign";`);

    this.addSql(`alter table "interactions" drop constraint "interactions_customer_id_foreign";`);

    this.addSql(`alter table "customer_identities" drop constraint "customer_identities_customer_id_foreign";`);

    this.addSql(`alter table "ticket_events" drop constraint "ticket_events_ticket_id_foreign";`);

    this.addSql(`drop table if exists "workspaces" cascade;`);

    this.addSql(`drop table if exists "segments" cascade;`);

    this.addSql(`drop table if exists "journey_maps" cascade;`);

    this.addSql(`drop table if exists "customers" cascade;`);

    this.addSql(`drop table if exists "survey_responses" cascade;`);

    this.addSql(`drop table if exists "support_tickets" cascade;`);

    this.addSql(`drop table if exists "ticket_events" cascade;`);

    this.addSql(`drop table if exists "segment_memberships" cascade;`);

    this.addSql(`drop table if exists "orders" cascade;`);

    this.addSql(`drop table if exists "interactions" cascade;`);

    this.addSql(`drop table if exists "customer_identities" cascade;`);
  }

}
