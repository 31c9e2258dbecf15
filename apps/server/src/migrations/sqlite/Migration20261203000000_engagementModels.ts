import { Migration } from '@mikro-orm/migrations';

export class Migration20261203000000_engagementModels extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`engagement_strategies\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`definition\` json not null, \`capacities\` json not null, \`updated_at\` datetime not null, constraint \`engagement_strategies_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`engagement_strategies_workspace_id_index\` on \`engagement_strategies\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`engagement_strategies_workspace_id_unique\` on \`engagement_strategies\` (\`workspace_id\`);`);

    this.addSql(`create table \`engagement_model_versions\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`model_id\` text not null, \`version\` integer not null, \`definition\` json not null, \`created_at\` datetime not null, constraint \`engagement_model_versions_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`engagement_model_versions_workspace_id_index\` on \`engagement_model_versions\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`engagement_model_versions_workspace_id_model_id_version_unique\` on \`engagement_model_versions\` (\`workspace_id\`, \`model_id\`, \`version\`);`);

    this.addSql(`create table \`model_assignments\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`model_id\` text not null, \`version\` integer not null, \`reason\` text not null, \`segment\` text null, \`rank\` integer null, \`assigned_at\` datetime not null, constraint \`model_assignments_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`model_assignments_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`model_assignments_workspace_id_index\` on \`model_assignments\` (\`workspace_id\`);`);
    this.addSql(`create index \`model_assignments_customer_id_index\` on \`model_assignments\` (\`customer_id\`);`);
    this.addSql(`create index \`model_assignments_workspace_id_model_id_index\` on \`model_assignments\` (\`workspace_id\`, \`model_id\`);`);
    this.addSql(`create unique index \`model_assignments_workspace_id_customer_id_unique\` on \`model_assignments\` (\`workspace_id\`, \`customer_id\`);`);
  }

}
