import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Folder of the example operations shown in GraphiQL (and tested). */
export const operationsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../operations");

/** The example operations, one `.graphql` file each, in name order (the numeric prefix sets the GraphiQL tab order). */
export function exampleOperations(): { name: string; query: string }[] {
  return readdirSync(operationsDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => ({ name: f.replace(/\.graphql$/, ""), query: readFileSync(join(operationsDir, f), "utf8") }));
}

/** GraphiQL tabs, one per example operation. */
export function graphiqlTabs(): { query: string }[] {
  return exampleOperations().map((op) => ({ query: op.query }));
}
