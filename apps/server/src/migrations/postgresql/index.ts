// Ordered list of the PostgreSQL migrations. New ones come from
// `DATABASE_URL=… node dist/scripts/createMigration.js postgresql`; add them here in order.
import { Migration20261124000000_initial } from "./Migration20261124000000_initial.js";

export const postgresqlMigrations = [{ name: "Migration20261124000000_initial", class: Migration20261124000000_initial }];
