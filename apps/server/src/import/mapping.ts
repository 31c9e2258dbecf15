import { readFileSync } from "node:fs";
import { BAG_FIELD, ENTITY_FIELDS, isEntityKind, type EntityKind } from "./entities.js";
import { checkDateFormat } from "./transforms.js";

/** A row filter: rows it matches are skipped (counted, not rejected). */
export interface SkipRule {
  readonly text: string;
  readonly field: string;
  readonly op: "empty" | "equals" | "startsWith" | "lt" | "lte" | "gt" | "gte";
  readonly value: string;
}

/** How a file's columns become ingestion items (from `--mapping file.json`, then flags on top). */
export interface Mapping {
  readonly entity: EntityKind;
  readonly format: "csv" | "ndjson";
  /** field → CSV column (header name) or NDJSON key path (`a.b`). */
  readonly columns: Readonly<Record<string, string>>;
  /** field → a value for every row (e.g. `channel=web`). */
  readonly constants: Readonly<Record<string, string>>;
  readonly dateFormat: string;
  readonly decimal: "." | ",";
  readonly delimiter: string;
  /** Orders: consecutive rows with the same externalId are the lines of one order. */
  readonly groupByOrder: boolean;
  readonly skip: readonly SkipRule[];
}

/** A usage error: bad flags or mapping file. The CLI prints it with the help hint and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const RULE = /^([A-Za-z][\w.]*)(\^=|<=|>=|<|>|=)(.*)$/;

/**
 * `field^=prefix`, `field=` (empty), `field=value`, `field<=n`, `field<n`,
 * `field>=n`, `field>n` (numbers compared after the number transform).
 */
export function parseSkipRule(text: string): SkipRule {
  const m = RULE.exec(text);
  if (!m) throw new UsageError(`--skip ${JSON.stringify(text)}: expected field^=prefix, field=, field=value or field<=number`);
  const [, field, sym, value] = m as unknown as [string, string, string, string];
  const op = sym === "^=" ? "startsWith" : sym === "=" ? (value === "" ? "empty" : "equals") : sym === "<" ? "lt" : sym === "<=" ? "lte" : sym === ">" ? "gt" : "gte";
  if ((op === "lt" || op === "lte" || op === "gt" || op === "gte") && !Number.isFinite(Number(value))) {
    throw new UsageError(`--skip ${JSON.stringify(text)}: ${sym} needs a number`);
  }
  return { text, field, op, value };
}

function pairs(flag: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const i = item.indexOf("=");
    if (i <= 0) throw new UsageError(`${flag} ${JSON.stringify(item)}: expected field=value`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** What the command line says about the mapping (every part optional). */
export interface MappingFlags {
  readonly entity?: string | undefined;
  readonly file: string;
  readonly mappingFile?: string | undefined;
  readonly map: readonly string[];
  readonly set: readonly string[];
  readonly skip: readonly string[];
  readonly format?: string | undefined;
  readonly dateFormat?: string | undefined;
  readonly decimal?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly groupByOrder?: boolean | undefined;
}

interface MappingFile {
  entity?: string;
  format?: string;
  columns?: Record<string, string>;
  constants?: Record<string, string>;
  dateFormat?: string;
  decimal?: string;
  delimiter?: string;
  groupByOrder?: boolean;
  skip?: string[];
}

const FILE_KEYS = new Set(["entity", "format", "columns", "constants", "dateFormat", "decimal", "delimiter", "groupByOrder", "skip", "$comment"]);

function readMappingFile(path: string): MappingFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--mapping ${path}: ${(e as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new UsageError(`--mapping ${path}: expected a JSON object`);
  for (const key of Object.keys(doc)) if (!FILE_KEYS.has(key)) throw new UsageError(`--mapping ${path}: unknown key ${JSON.stringify(key)} (known: ${[...FILE_KEYS].join(", ")})`);
  const m = doc as MappingFile;
  for (const k of ["columns", "constants"] as const) {
    const v = m[k];
    if (v !== undefined && (typeof v !== "object" || v === null || Object.values(v).some((x) => typeof x !== "string"))) {
      throw new UsageError(`--mapping ${path}: ${k} must be an object of strings`);
    }
  }
  if (m.skip !== undefined && (!Array.isArray(m.skip) || m.skip.some((x) => typeof x !== "string"))) throw new UsageError(`--mapping ${path}: skip must be an array of rule strings`);
  return m;
}

/** Resolves the mapping: the file's settings, the flags over them, checked against the entity's fields. */
export function resolveMapping(flags: MappingFlags): Mapping {
  const file = flags.mappingFile ? readMappingFile(flags.mappingFile) : {};
  const entity = flags.entity ?? file.entity;
  if (!entity) throw new UsageError("which entity? engagekit import <customers|orders|interactions|survey-answers|tickets> <file>, or \"entity\" in the mapping file");
  if (!isEntityKind(entity)) throw new UsageError(`unknown entity ${JSON.stringify(entity)} (customers, orders, interactions, survey-answers, tickets)`);
  const format = flags.format ?? file.format ?? (/\.(ndjson|jsonl)(\.gz)?$/i.test(flags.file) ? "ndjson" : "csv");
  if (format !== "csv" && format !== "ndjson") throw new UsageError(`--format must be csv or ndjson, got ${JSON.stringify(format)}`);
  const decimal = flags.decimal ?? file.decimal ?? ".";
  if (decimal !== "." && decimal !== ",") throw new UsageError(`--decimal must be . or ,, got ${JSON.stringify(decimal)}`);
  const delimiter = flags.delimiter ?? file.delimiter ?? ",";
  if (delimiter.length !== 1) throw new UsageError(`--delimiter must be one character, got ${JSON.stringify(delimiter)}`);
  const dateFormat = flags.dateFormat ?? file.dateFormat ?? "iso";
  try {
    checkDateFormat(dateFormat);
  } catch (e) {
    throw new UsageError(`--date-format: ${(e as Error).message}`);
  }
  const columns = { ...(file.columns ?? {}), ...pairs("--map", flags.map) };
  const constants = { ...(file.constants ?? {}), ...pairs("--set", flags.set) };
  const known = new Set(ENTITY_FIELDS[entity].map((x) => x.name));
  const bag = BAG_FIELD[entity];
  const check = (flag: string, field: string) => {
    if (known.has(field) || (bag !== undefined && field.startsWith(`${bag}.`) && field.length > bag.length + 1)) return;
    throw new UsageError(`${flag}: ${entity} has no field ${JSON.stringify(field)} (fields: ${[...known].join(", ")}${bag ? `, ${bag}.<name>` : ""})`);
  };
  for (const field of Object.keys(columns)) check("--map", field);
  for (const field of Object.keys(constants)) check("--set", field);
  const skip = [...(file.skip ?? []), ...flags.skip].map(parseSkipRule);
  for (const rule of skip) check("--skip", rule.field);
  const groupByOrder = flags.groupByOrder ?? file.groupByOrder ?? false;
  if (groupByOrder && entity !== "orders") throw new UsageError("--group-by-order applies to orders only");
  return { entity, format, columns, constants, dateFormat, decimal, delimiter, groupByOrder, skip };
}
