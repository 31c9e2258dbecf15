import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000000_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`workspaces\` (\`id\` integer not null primary key autoincrement, \`slug\` text not null, \`name\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`workspaces_slug_unique\` on \`workspaces\` (\`slug\`);`);

    this.addSql(`create table \`segments\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`key\` text not null, \`name\` text not null, \`description\` text null, \`definition\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`segments_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`segments_workspace_id_index\` on \`segments\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`segments_workspace_id_key_unique\` on \`segments\` (\`workspace_id\`, \`key\`);`);

    this.addSql(`create table \`journey_maps\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`key\` text not null, \`name\` text not null, \`document\` json not null, \`updated_at\` datetime not null, constraint \`journey_maps_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`journey_maps_workspace_id_index\` on \`journey_maps\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`journey_maps_workspace_id_key_unique\` on \`journey_maps\` (\`workspace_id\`, \`key\`);`);

    this.addSql(`create table \`customers\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`external_id\` text not null, \`email\` text null, \`traits\` json null, \`created_at\` datetime not null, \`journey_stage\` text null, \`ladder_tier\` text null, \`engagement_score\` double null, \`rfm_score\` text null, \`predicted_clv\` double null, \`p_alive\` double null, \`next_check_at\` datetime null, constraint \`customers_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`customers_workspace_id_index\` on \`customers\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`customers_workspace_id_external_id_unique\` on \`customers\` (\`workspace_id\`, \`external_id\`);`);

    this.addSql(`create table \`survey_responses\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer null, \`survey\` text not null, \`kind\` text not null, \`score\` integer null, \`scale_min\` integer not null, \`scale_max\` integer not null, \`touchpoint\` text null, \`channel\` text null, \`responded_at\` datetime not null, \`idempotency_key\` text null, constraint \`survey_responses_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`survey_responses_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`survey_responses_workspace_id_index\` on \`survey_responses\` (\`workspace_id\`);`);
    this.addSql(`create index \`survey_responses_customer_id_index\` on \`survey_responses\` (\`customer_id\`);`);
    this.addSql(`create index \`survey_responses_workspace_id_kind_responded_at_index\` on \`survey_responses\` (\`workspace_id\`, \`kind\`, \`responded_at\`);`);
    this.addSql(`create index \`survey_responses_workspace_id_customer_id_index\` on \`survey_responses\` (\`workspace_id\`, \`customer_id\`);`);
    this.addSql(`create unique index \`survey_responses_workspace_id_idempotency_key_unique\` on \`survey_responses\` (\`workspace_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`support_tickets\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer null, \`external_id\` text not null, \`channel\` text null, \`opened_at\` datetime not null, constraint \`support_tickets_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`support_tickets_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`support_tickets_workspace_id_index\` on \`support_tickets\` (\`workspace_id\`);`);
    this.addSql(`create index \`support_tickets_customer_id_index\` on \`support_tickets\` (\`customer_id\`);`);
    this.addSql(`create index \`support_tickets_workspace_id_opened_at_index\` on \`support_tickets\` (\`workspace_id\`, \`opened_at\`);`);
    this.addSql(`create unique index \`support_tickets_workspace_id_external_id_unique\` on \`support_tickets\` (\`workspace_id\`, \`external_id\`);`);

    this.addSql(`create table \`ticket_events\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`ticket_id\` integer not null, \`idempotency_key\` text not null, \`type\` text not null, \`occurred_at\` datetime not null, constraint \`ticket_events_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`ticket_events_ticket_id_foreign\` foreign key(\`ticket_id\`) references \`support_tickets\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`ticket_events_workspace_id_index\` on \`ticket_events\` (\`workspace_id\`);`);
    this.addSql(`create index \`ticket_events_ticket_id_index\` on \`ticket_events\` (\`ticket_id\`);`);
    this.addSql(`create unique index \`ticket_events_workspace_id_idempotency_key_unique\` on \`ticket_events\` (\`workspace_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`segment_memberships\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`segment_id\` integer not null, \`customer_id\` integer not null, \`entered_at\` datetime not null, constraint \`segment_memberships_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`segment_memberships_segment_id_foreign\` foreign key(\`segment_id\`) references \`segments\`(\`id\`) on update cascade, constraint \`segment_memberships_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`segment_memberships_workspace_id_index\` on \`segment_memberships\` (\`workspace_id\`);`);
    this.addSql(`create index \`segment_memberships_segment_id_index\` on \`segment_memberships\` (\`segment_id\`);`);
    this.addSql(`create index \`segment_memberships_customer_id_index\` on \`segment_memberships\` (\`customer_id\`);`);
    this.addSql(`create index \`segment_memberships_workspace_id_segment_id_index\` on \`segment_memberships\` (\`workspace_id\`, \`segment_id\`);`);
    this.addSql(`create index \`segment_memberships_workspace_id_customer_id_index\` on \`segment_memberships\` (\`workspace_id\`, \`customer_id\`);`);
    this.addSql(`create unique index \`segment_memberships_segment_id_customer_id_unique\` on \`segment_memberships\` (\`segment_id\`, \`customer_id\`);`);

    this.addSql(`create table \`orders\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`external_id\` text null, \`ordered_at\` datetime not null, \`amount_cents\` integer not null, \`items\` integer not null default 1, constraint \`orders_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`orders_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`orders_workspace_id_index\` on \`orders\` (\`workspace_id\`);`);
    this.addSql(`create index \`orders_customer_id_index\` on \`orders\` (\`customer_id\`);`);
    this.addSql(`create index \`orders_workspace_id_ordered_at_index\` on \`orders\` (\`workspace_id\`, \`ordered_at\`);`);
    this.addSql(`create index \`orders_workspace_id_customer_id_ordered_at_index\` on \`orders\` (\`workspace_id\`, \`customer_id\`, \`ordered_at\`);`);
    this.addSql(`create unique index \`orders_workspace_id_external_id_unique\` on \`orders\` (\`workspace_id\`, \`external_id\`);`);

    this.addSql(`create table \`interactions\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`idempotency_key\` text not null, \`type\` text not null, \`channel\` text not null, \`touchpoint\` text null, \`occurred_at\` datetime not null, \`properties\` json null, \`value\` double null, constraint \`interactions_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`interactions_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`interactions_workspace_id_index\` on \`interactions\` (\`workspace_id\`);`);
    this.addSql(`create index \`interactions_customer_id_index\` on \`interactions\` (\`customer_id\`);`);
    this.addSql(`create index \`interactions_workspace_id_customer_id_occurred_at_index\` on \`interactions\` (\`workspace_id\`, \`customer_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`interactions_workspace_id_type_occurred_at_index\` on \`interactions\` (\`workspace_id\`, \`type\`, \`occurred_at\`);`);
    this.addSql(`create unique index \`interactions_workspace_id_idempotency_key_unique\` on \`interactions\` (\`workspace_id\`, \`idempotency_key\`);`);

    this.addSql(`create table \`customer_identities\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`kind\` text not null, \`value\` text not null, constraint \`customer_identities_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`customer_identities_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`customer_identities_workspace_id_index\` on \`customer_identities\` (\`workspace_id\`);`);
    this.addSql(`create index \`customer_identities_customer_id_index\` on \`customer_identities\` (\`customer_id\`);`);
    this.addSql(`create unique index \`customer_identities_workspace_id_kind_value_unique\` on \`customer_identities\` (\`workspace_id\`, \`kind\`, \`value\`);`);
  }

}
