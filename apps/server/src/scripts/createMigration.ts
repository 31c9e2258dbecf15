/**
 * Generates the next migration for one dialect from the entity definitions:
 *   node dist/scripts/createMigration.js sqlite
 *   DATABASE_URL=postgres://… node dist/scripts/createMigration.js postgresql
 * It migrates a scratch database to the latest committed migration, diffs it
 * against the entities, writes `src/migrations/<dialect>/Migration<ts>.ts`
 * and prints the index line to add.
 */
import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, openOrm } from "../orm.js";

const dialect = process.argv[2];
if (dialect !== "sqlite" && dialect !== "postgresql") {
  console.error("usage: createMigration.js sqlite|postgresql");
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (dialect === "postgresql" && !url) {
  console.error("DATABASE_URL must point at an empty scratch PostgreSQL database");
  process.exit(2);
}
const target = dialect === "sqlite" ? { sqliteFile: join(mkdtempSync(join(tmpdir(), "ek-mig-")), "scratch.sqlite") } : { url: url as string };
const orm = await openOrm(target);
await migrate(orm);
const result = await orm.getMigrator().createMigration(undefined, false, false);
if (!result.fileName) console.log("entities and migrations agree: nothing to generate");
else console.log(`wrote ${result.fileName}\n${result.diff.up.join("\n")}`);
await orm.close(true);
