import { Migration } from '@mikro-orm/migrations';

export class Migration20261204010000_erasure extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`customer_erasures\` (\`id\` integer not null primary key autoincrement, \`workspace_id\` integer not null, \`customer_id\` integer not null, \`reference\` text not null, \`erased_at\` datetime not null, \`counts\` json not null, \`personal_properties\` json not null, constraint \`customer_erasures_workspace_id_foreign\` foreign key(\`workspace_id\`) references \`workspaces\`(\`id\`) on update cascade, constraint \`customer_erasures_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`customer_erasures_workspace_id_index\` on \`customer_erasures\` (\`workspace_id\`);`);
    this.addSql(`create index \`customer_erasures_customer_id_index\` on \`customer_erasures\` (\`customer_id\`);`);
    this.addSql(`create index \`customer_erasures_workspace_id_customer_id_index\` on \`customer_erasures\` (\`workspace_id\`, \`customer_id\`);`);
    this.addSql(`create unique index \`customer_erasures_workspace_id_reference_unique\` on \`customer_erasures\` (\`workspace_id\`, \`reference\`);`);
  }

}
