import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000000_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`workspaces\` (\`id\` integer not null primary key autoincrement, \`slug\` text not null, \`name\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`workspaces_slug_unique\` on \`workspaces\` (\`slug\`);`);

    this.addSql(`create table \`customers\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`external_id\` text not null, \`email\` text null, \`traits\` json null, \`created_at\` datetime not null, constraint \`customers_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`customers_workspace_id_index\` on \`customers\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`customers_workspace_id_external_id_unique\` on \`customers\` (\`workspace_id\`, \`external_id\`);`);

    this.addSql(`create table \`survey_responses\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer null, \`survey\` text not null, \`kind\` text not null, \`score\` integer null, \`scale_min\` integer not null, \`scale_max\` integer not null, \`touchpoint\` text null, \`channel\` text null, \`responded_at\` datetime not null, constraint \`survey_responses_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`survey_responses_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`survey_responses_workspace_id_index\` on \`survey_responses\` (\`workspace_id\`);`);
    this.addSql(`create index \`survey_responses_customer_id_index\` on \`survey_responses\` (\`customer_id\`);`);
    this.addSql(`create index \`survey_responses_workspace_id_kind_responded_at_index\` on \`survey_responses\` (\`workspace_id\`, \`kind\`, \`responded_at\`);`);

    this.addSql(`create table \`orders\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`external_id\` text null, \`ordered_at\` datetime not null, \`amount_cents\` integer not null, \`items\` integer not null default 1, constraint \`orders_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`orders_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`orders_workspace_id_index\` on \`orders\` (\`workspace_id\`);`);
    this.addSql(`create index \`orders_customer_id_index\` on \`orders\` (\`customer_id\`);`);
    this.addSql(`create index \`orders_workspace_id_ordered_at_index\` on \`orders\` (\`workspace_id\`, \`ordered_at\`);`);
  }

}
