// The node flags the server runs with, read from this app's `npm start` script (the root's passes the same):
// the benches start the server the way users do. --max-semi-space-size=64: a 1,000-item ingestion batch allocates
// tens of MB that die with the batch; a 64 MB young generation (Node 20's default is 16 MB) scavenges a
// quarter as often, and each scavenge finds less of the batch still alive (about 5% of ingestion time here).
import { readFileSync } from "node:fs";

const start = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts.start;
export const SERVER_NODE_FLAGS = start.split(/\s+/).filter((arg) => arg.startsWith("--"));
