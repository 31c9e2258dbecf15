import "reflect-metadata";
import { parseArgs } from "node:util";
import { MAX_BATCH, WorkspaceSchema, WorkspaceScope, createLoaders, type Context } from "@engagekit/graphql";
import type { EntityManager } from "@mikro-orm/knex";
import type { MikroORM } from "@mikro-orm/core";
import { loadConfig } from "../config.js";
import { migrate, openOrm } from "../orm.js";
import { ensureWorkspace } from "../seed.js";
import { ENTITY_FIELDS, ENTITY_KINDS, BAG_FIELD } from "./entities.js";
import { importFile, type ImportSummary } from "./importFile.js";
import { UsageError, resolveMapping } from "./mapping.js";
import { Progress, type ProgressMode } from "./progress.js";
import { RejectsReport } from "./rejectsReport.js";
import { runKeys } from "../keysCli.js";

/** Exit codes: 0 done; 1 rows were rejected (without --allow-rejects); 2 usage, configuration or database error. */
export const EXIT = { ok: 0, rejected: 1, failed: 2 } as const;

const fieldsHelp = ENTITY_KINDS.map(
  (e) => `  ${e}:\n${ENTITY_FIELDS[e].map((f) => `    ${f.name}${f.required ? " (required)" : ""}: ${f.help}`).join("\n")}${BAG_FIELD[e] ? `\n    ${BAG_FIELD[e]}.<name>: collected into the ${BAG_FIELD[e]} JSON object` : ""}`,
).join("\n");

export const HELP = `Usage: engagekit import <entity> <file> [options]

Streams a CSV or NDJSON file (gzip read directly) into a workspace through
the same ingestion the GraphQL API runs, against the database the server is
configured with (DATABASE_URL or ENGAGEKIT_DB_FILE, see the README).

Entities: ${ENTITY_KINDS.join(", ")}

Options:
  --map field=Column      take a field from a column (repeatable); columns
                          named like a field are taken without it
  --set field=value       a constant for every row, e.g. --set channel=web
  --mapping file.json     a mapping file: {"entity", "columns", "constants",
                          "dateFormat", "decimal", "groupByOrder", "skip"};
                          flags override it
  --skip rule             skip (and count, not reject) rows matching a rule:
                          field^=prefix, field= (empty), field=value,
                          field<=n, field<n, field>=n, field>n (repeatable)
  --group-by-order        orders: consecutive rows with the same externalId
                          are the lines of one order (amounts and items summed)
  --date-format f         iso (default; no zone = UTC), epoch-ms, epoch-s, or a
                          pattern such as "M/d/yyyy H:mm" or "dd.MM.yyyy HH:mm:ss"
  --decimal . | ,         decimal separator of numbers (default .)
  --delimiter c           CSV field delimiter (default ,)
  --format csv|ndjson     default: from the file name (.ndjson/.jsonl → ndjson)
  --batch-size n          items per ingestion call, 1–${MAX_BATCH} (default 1000)
  --workspace slug        default: ENGAGEKIT_DEFAULT_WORKSPACE or "demo";
                          created (empty) when missing
  --rejects path          write rejected rows as CSV: line,field,column,reason,value
  --allow-rejects         exit 0 even when rows were rejected
  --limit n               read only the first n data rows
  --progress mode         auto (default: a bar on a TTY, plain lines otherwise),
                          bar, plain or none; progress goes to stderr
  --progress-interval ms  plain mode: at most one line per interval (default 2000)
  --json                  print the summary as one JSON line
  -h, --help              this help

Exit codes: 0 done, 1 rows rejected (unless --allow-rejects), 2 usage or database error.

Fields:
${fieldsHelp}
`;

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function summaryText(s: ImportSummary, peakRssMB: number, rejectsPath: string | undefined): string {
  const skipped = Object.entries(s.skippedBy)
    .map(([rule, n]) => `${rule} ${count(n)}`)
    .join(", ");
  return [
    `imported ${s.entity} from ${s.file}: ${count(s.rows)} rows in ${s.seconds.toFixed(1)} s (${count(Math.round(s.rowsPerSecond))} rows/s, peak RSS ${peakRssMB} MB)`,
    `  ${count(s.items)} items in ${count(s.batches)} batches: ${count(s.created)} created, ${count(s.duplicates)} already recorded, ${count(s.customersCreated)} customers created`,
    `  ${count(s.skipped)} rows skipped${skipped ? ` (${skipped})` : ""}, ${count(s.rejected)} rejected${s.rejected && rejectsPath ? ` (see ${rejectsPath})` : ""}`,
  ].join("\n");
}

/** The importer never manages keys. */
const NO_KEY_MANAGEMENT = {
  get secret(): string {
    throw new Error("the importer does not manage API keys");
  },
  forget: () => {},
};

async function workspaceContext(orm: MikroORM, slug: string): Promise<() => Context> {
  await ensureWorkspace(orm, slug, false, "");
  const row = await orm.em.fork().findOneOrFail(WorkspaceSchema, { slug });
  const workspace = { id: row.id, slug: row.slug, name: row.name };
  return () => {
    // A fresh fork per batch, as the server makes one per request: nothing accumulates in an identity map.
    const scope = new WorkspaceScope(orm.em.fork() as EntityManager, workspace.id);
    // The importer runs with the database's own rights (whoever can run it can open the file): admin, no key.
    return { workspace, scope, loaders: createLoaders(scope), auth: { role: "admin", keyId: null, keyPrefix: null }, apiKeys: NO_KEY_MANAGEMENT };
  };
}

function positiveInt(flag: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be an integer in 1–${max}, got ${JSON.stringify(value)}`);
  return n;
}

/** `engagekit import …`; returns the exit code. */
export async function runImport(argv: readonly string[], io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = process): Promise<number> {
  let orm: MikroORM | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        map: { type: "string", multiple: true, default: [] },
        set: { type: "string", multiple: true, default: [] },
        skip: { type: "string", multiple: true, default: [] },
        mapping: { type: "string" },
        "group-by-order": { type: "boolean" },
        "date-format": { type: "string" },
        decimal: { type: "string" },
        delimiter: { type: "string" },
        format: { type: "string" },
        "batch-size": { type: "string" },
        workspace: { type: "string" },
        rejects: { type: "string" },
        "allow-rejects": { type: "boolean", default: false },
        limit: { type: "string" },
        progress: { type: "string", default: "auto" },
        "progress-interval": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const [first, second, extra] = positionals;
    const entityGiven = first !== undefined && (ENTITY_KINDS as readonly string[]).includes(first);
    const file = entityGiven ? second : first;
    if (!file || (entityGiven ? extra : second) !== undefined) throw new UsageError("expected: engagekit import <entity> <file> [options]");
    const mapping = resolveMapping({
      entity: entityGiven ? first : undefined,
      file,
      mappingFile: values.mapping,
      map: values.map,
      set: values.set,
      skip: values.skip,
      format: values.format,
      dateFormat: values["date-format"],
      decimal: values.decimal,
      delimiter: values.delimiter,
      groupByOrder: values["group-by-order"],
    });
    const batchSize = positiveInt("--batch-size", values["batch-size"], 1000, MAX_BATCH);
    const limit = values.limit === undefined ? undefined : positiveInt("--limit", values.limit, 0);
    const interval = values["progress-interval"] === undefined ? 2000 : Number(values["progress-interval"]);
    if (!Number.isFinite(interval) || interval < 0) throw new UsageError(`--progress-interval must be a number of ms ≥ 0, got ${JSON.stringify(values["progress-interval"])}`);
    const wanted = values.progress;
    if (!["auto", "bar", "plain", "none"].includes(wanted)) throw new UsageError(`--progress must be auto, bar, plain or none, got ${JSON.stringify(wanted)}`);
    const mode: ProgressMode = wanted === "auto" ? (io.stderr.isTTY ? "bar" : "plain") : (wanted as ProgressMode);

    // The importer writes through the library, not the API: no key is involved, so no secret is needed.
    const config = loadConfig(process.env, process.cwd(), { needsSecret: false });
    // ORM messages (the migrator's on a new database) go to stderr: stdout is the summary (--json).
    orm = await openOrm(config.database, { logger: (m) => io.stderr.write(`${m}\n`) });
    await migrate(orm);
    const context = await workspaceContext(orm, values.workspace ?? config.defaultWorkspace);
    const rejects = new RejectsReport(values.rejects);
    let summary: ImportSummary;
    try {
      summary = await importFile({ file, mapping, batchSize, limit, rejects, context, progress: (total) => new Progress(mode, io.stderr, total, interval) });
    } finally {
      await rejects.close();
    }
    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    if (values.json) io.stdout.write(`${JSON.stringify({ ...summary, peakRssMB, rejectsFile: values.rejects ?? null })}\n`);
    else io.stdout.write(`${summaryText(summary, peakRssMB, values.rejects)}\n`);
    if (summary.rejected > 0 && !values.rejects) {
      for (const r of rejects.sample) io.stderr.write(`rejected line ${r.line}: ${r.field}${r.column ? ` (${r.column})` : ""}: ${r.reason}${r.value ? ` — ${JSON.stringify(r.value)}` : ""}\n`);
      if (summary.rejected > rejects.sample.length) io.stderr.write(`… ${count(summary.rejected - rejects.sample.length)} more (write them all with --rejects <path>)\n`);
    }
    return summary.rejected > 0 && !values["allow-rejects"] ? EXIT.rejected : EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(`engagekit import: ${e.message}\n(engagekit import --help lists the options and fields)\n`);
    } else {
      io.stderr.write(`engagekit import failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    return EXIT.failed;
  } finally {
    await orm?.close(true);
  }
}

/** The `engagekit` command: `import` is its one subcommand so far. */
export async function cli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "import") return runImport(rest);
  if (command === "keys") return runKeys(rest);
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(`Usage: engagekit <command>\n\nCommands:\n  import   stream a CSV or NDJSON file into a workspace (engagekit import --help)\n  keys     create an API key (engagekit keys --help)\n`);
    return command === undefined ? EXIT.failed : EXIT.ok;
  }
  process.stderr.write(`engagekit: unknown command ${JSON.stringify(command)} (known: import, keys)\n`);
  return EXIT.failed;
}
