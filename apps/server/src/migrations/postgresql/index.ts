// Ordered list of the PostgreSQL migrations. New ones come from
// `DATABASE_URL=… node dist/scripts/createMigration.js postgresql`; add them here in order.
import { Migration20261124000000_initial } from "./Migration20261124000000_initial.js";
import { Migration20261129000000_customerState } from "./Migration20261129000000_customerState.js";
import { Migration20261203000000_engagementModels } from "./Migration20261203000000_engagementModels.js";
import { Migration20261203010000_consentLoyalty } from "./Migration20261203010000_consentLoyalty.js";
import { Migration20261204010000_erasure } from "./Migration20261204010000_erasure.js";
import { Migration20261204020000_triggers } from "./Migration20261204020000_triggers.js";
import { Migration20261204030000_ingestIndexes } from "./Migration20261204030000_ingestIndexes.js";
import { Migration20261205000000_apiKeys } from "./Migration20261205000000_apiKeys.js";
import { Migration20261206000000_stateRev } from "./Migration20261206000000_stateRev.js";

export const postgresqlMigrations = [
  { name: "Migration20261124000000_initial", class: Migration20261124000000_initial },
  { name: "Migration20261129000000_customerState", class: Migration20261129000000_customerState },
  { name: "Migration20261203000000_engagementModels", class: Migration20261203000000_engagementModels },
  { name: "Migration20261203010000_consentLoyalty", class: Migration20261203010000_consentLoyalty },
  { name: "Migration20261204010000_erasure", class: Migration20261204010000_erasure },
  { name: "Migration20261204020000_triggers", class: Migration20261204020000_triggers },
  { name: "Migration20261204030000_ingestIndexes", class: Migration20261204030000_ingestIndexes },
  { name: "Migration20261205000000_apiKeys", class: Migration20261205000000_apiKeys },
  { name: "Migration20261206000000_stateRev", class: Migration20261206000000_stateRev },
];
