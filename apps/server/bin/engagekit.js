#!/usr/bin/env node
// The `engagekit` command (npm links it as node_modules/.bin/engagekit). Kept as plain JS outside
// dist/ so the link and its executable bit exist right after `npm ci`, before the build.
import { cli } from "../dist/import/cli.js";

process.exitCode = await cli(process.argv.slice(2));
