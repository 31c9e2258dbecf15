import { Migration } from '@mikro-orm/migrations';

export class Migration20261204020000_triggers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`triggers\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`key\` text not null, \`definition\` json not null, \`paused\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`triggers_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`triggers_workspace_id_index\` on \`triggers\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`triggers_workspace_id_key_unique\` on \`triggers\` (\`workspace_id\`, \`key\`);`);

    this.addSql(`create table \`trigger_actions\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`trigger_key\` text not null, \`dedup_key\` text not null, \`cause\` text not null, \`condition_kind\` text not null, \`status\` text not null, \`priority\` double not null, \`reason\` text not null, \`rule\` text null, \`rule_reason\` text null, \`action_type\` text not null, \`channel\` text null, \`purpose\` text null, \`action\` json not null, \`fired_at\` datetime not null, \`due_at\` datetime null, \`done_at\` datetime null, constraint \`trigger_actions_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`trigger_actions_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`trigger_actions_workspace_id_index\` on \`trigger_actions\` (\`workspace_id\`);`);
    this.addSql(`create index \`trigger_actions_customer_id_index\` on \`trigger_actions\` (\`customer_id\`);`);
    this.addSql(`create index \`trigger_actions_workspace_id_status_id_index\` on \`trigger_actions\` (\`workspace_id\`, \`status\`, \`id\`);`);
    this.addSql(`create index \`trigger_actions_workspace_id_trigger_key_index\` on \`trigger_actions\` (\`workspace_id\`, \`trigger_key\`);`);
    this.addSql(`create index \`trigger_actions_workspace_id_customer_id_due_at_index\` on \`trigger_actions\` (\`workspace_id\`, \`customer_id\`, \`due_at\`);`);
    this.addSql(`create unique index \`trigger_actions_workspace_id_dedup_key_unique\` on \`trigger_actions\` (\`workspace_id\`, \`dedup_key\`);`);

    this.addSql(`create table \`contact_policies\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`document\` json not null, \`updated_at\` datetime not null, constraint \`contact_policies_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`contact_policies_workspace_id_index\` on \`contact_policies\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`contact_policies_workspace_id_unique\` on \`contact_policies\` (\`workspace_id\`);`);

    this.addSql(`alter table \`customers\` add column \`trigger_state\` json null;`);
  }

}
