// Writes schema.graphql from the built schema: `npm run schema:print -w @engagekit/graphql`
// (after `npm run build`). The schema test fails when the committed file drifts.
import { writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { createSchema } from "../dist/index.js";

const schema = await createSchema();
writeFileSync(new URL("../schema.graphql", import.meta.url), `${printSchema(schema)}\n`);
console.log("wrote schema.graphql");
