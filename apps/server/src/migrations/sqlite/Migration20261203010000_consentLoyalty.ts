import { Migration } from '@mikro-orm/migrations';

export class Migration20261203010000_consentLoyalty extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`points_operations\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`key\` text not null, \`kind\` text not null, \`points\` integer not null, \`at\` datetime not null, \`expires_at\` datetime null, \`reason\` text null, \`recorded_at\` datetime not null, constraint \`points_operations_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`points_operations_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`points_operations_workspace_id_index\` on \`points_operations\` (\`workspace_id\`);`);
    this.addSql(`create index \`points_operations_customer_id_index\` on \`points_operations\` (\`customer_id\`);`);
    this.addSql(`create index \`points_operations_workspace_id_customer_id_at_index\` on \`points_operations\` (\`workspace_id\`, \`customer_id\`, \`at\`);`);
    this.addSql(`create unique index \`points_operations_workspace_id_key_unique\` on \`points_operations\` (\`workspace_id\`, \`key\`);`);

    this.addSql(`create table \`consent_events\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`idempotency_key\` text not null, \`purpose\` text not null, \`channel\` text null, \`status\` text not null, \`at\` datetime not null, \`source\` text not null, \`expires_at\` datetime null, \`recorded_at\` datetime not null, constraint \`consent_events_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`consent_events_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`consent_events_workspace_id_index\` on \`consent_events\` (\`workspace_id\`);`);
    this.addSql(`create index \`consent_events_customer_id_index\` on \`consent_events\` (\`customer_id\`);`);
    this.addSql(`create index \`consent_events_workspace_id_customer_id_index\` on \`consent_events\` (\`workspace_id\`, \`customer_id\`);`);
    this.addSql(`create unique index \`consent_events_workspace_id_idempotency_key_unique\` on \`consent_events\` (\`workspace_id\`, \`idempotency_key\`);`);
  }

}
