import "reflect-metadata";
import { parseArgs } from "node:util";
import { idCodec, isRole, issueApiKey, ROLES, type Role } from "@engagekit/graphql";
import type { MikroORM } from "@mikro-orm/core";
import { loadConfig } from "./config.js";
import { migrate, openOrm } from "./orm.js";
import { ensureWorkspace } from "./seed.js";

export const KEYS_HELP = `Usage: engagekit keys create [--workspace <slug>] [--role <role>] [--name <text>] [--create-workspace]

Creates an API key in a workspace of the configured database (DATABASE_URL or ENGAGEKIT_DB_FILE, hashed with
ENGAGEKIT_SECRET, as the server reads them) and prints it once on stdout. For a first key, or a lost admin key.

  --workspace <slug>    the workspace (default: ENGAGEKIT_DEFAULT_WORKSPACE, demo)
  --role <role>         ${ROLES.join(", ")} (default admin)
  --name <text>         what the key is for (default "<role> key")
  --create-workspace    create the workspace (empty) when it does not exist
`;

/** `engagekit keys …`: exit code 0 on success, 2 on a usage or database error (message on stderr). */
export async function runKeys(argv: readonly string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "-h" || sub === "--help" || sub === "help") {
    io.stdout.write(KEYS_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "create") {
    io.stderr.write(`engagekit keys: unknown command ${JSON.stringify(sub)} (known: create)\n`);
    return 2;
  }
  let orm: MikroORM | undefined;
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: { workspace: { type: "string" }, role: { type: "string" }, name: { type: "string" }, "create-workspace": { type: "boolean" } },
      strict: true,
    });
    const role = values.role ?? "admin";
    if (!isRole(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}, got ${JSON.stringify(role)}`);
    const config = loadConfig();
    const slug = values.workspace ?? config.defaultWorkspace;
    orm = await openOrm(config.database);
    await migrate(orm);
    if (values["create-workspace"]) await ensureWorkspace(orm, slug, false, "");
    const issued = await issueApiKey(orm, slug, { secret: config.secret, role: role as Role, ...(values.name ? { name: values.name } : {}) });
    if (!issued) throw new Error("no key was created");
    io.stdout.write(`${issued.key}\n`);
    // The API's id of the key (what rotateApiKey and revokeApiKey take), not its row number.
    const id = idCodec(config.secret).encode("key", issued.row.workspace.id, issued.row.id);
    io.stderr.write(`created ${role} key ${issued.row.prefix}… (id ${id}) in workspace "${slug}"; it is shown only this once\n`);
    return 0;
  } catch (e) {
    io.stderr.write(`engagekit keys: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    await orm?.close(true);
  }
}
