import { Migration } from '@mikro-orm/migrations';

export class Migration20261205000000_apiKeys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_keys" ("id" serial primary key, "workspace_id" int not null, "name" varchar(191) not null, "role" varchar(16) not null, "prefix" varchar(32) not null, "hash" varchar(64) not null, "created_at" timestamptz not null, "rotated_at" timestamptz null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_keys_workspace_id_revoked_at_index" on "api_keys" ("workspace_id", "revoked_at");`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_keys" cascade;`);
  }

}
