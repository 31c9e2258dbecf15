import { Migration } from "@mikro-orm/migrations";

export class Migration20261204000000_subscriptions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `subscriptions` (`id` integer not null primary key autoincrement, `workspace_id` integer not null, `customer_id` integer not null, `plan` text not null, `renews_at` datetime not null, `updated_at` datetime not null, constraint `subscriptions_workspace_id_foreign` foreign key(`workspace_id`) references `workspaces`(`id`) on update cascade, constraint `subscriptions_customer_id_foreign` foreign key(`customer_id`) references `customers`(`id`) on update cascade);",
    );
    this.addSql("create index `subscriptions_customer_id_index` on `subscriptions` (`customer_id`);");
    this.addSql("create unique index `subscriptions_workspace_id_customer_id_unique` on `subscriptions` (`workspace_id`, `customer_id`);");
  }

  override async down(): Promise<void> {
    this.addSql("drop table if exists `subscriptions`;");
  }
}
