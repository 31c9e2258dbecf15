import { Migration } from '@mikro-orm/migrations';

export class Migration20261205000000_apiKeys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`api_keys\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`name\` text not null, \`role\` text not null, \`prefix\` text not null, \`hash\` text not null, \`created_at\` datetime not null, \`rotated_at\` datetime null, \`revoked_at\` datetime null, constraint \`api_keys_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`api_keys_workspace_id_index\` on \`api_keys\` (\`workspace_id\`);`);
    this.addSql(`create unique index \`api_keys_prefix_unique\` on \`api_keys\` (\`prefix\`);`);
    this.addSql(`create index \`api_keys_workspace_id_revoked_at_index\` on \`api_keys\` (\`workspace_id\`, \`revoked_at\`);`);
  }

}
