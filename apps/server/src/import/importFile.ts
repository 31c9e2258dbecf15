import { createHash } from "node:crypto";
import { InputError } from "@engagekit/core";
import { FeedbackKind, IngestionResolver, TicketEventType, recordCustomers, type Context } from "@engagekit/graphql";
import { CsvParser } from "./csvParser.js";
import { BAG_FIELD, ENTITY_FIELDS, ERROR_FIELDS, type EntityKind, type FieldSpec } from "./entities.js";
import { UsageError, type Mapping, type SkipRule } from "./mapping.js";
import { openInput } from "./openInput.js";
import type { Progress } from "./progress.js";
import type { RejectsReport } from "./rejectsReport.js";
import { parseDate, parseInteger, parseNumber } from "./transforms.js";

export interface ImportOptions {
  readonly file: string;
  readonly mapping: Mapping;
  /** Items per ingestion call (orders when grouping lines; rows otherwise). */
  readonly batchSize: number;
  /** Read at most this many data rows (a prefix of the file). */
  readonly limit?: number | undefined;
  readonly rejects: RejectsReport;
  /** Made per batch: a fresh EntityManager fork and workspace scope, as the server makes per request. */
  readonly context: () => Context;
  /** Built once the file is opened (it needs the file's size). */
  readonly progress: (totalBytes: number) => Progress;
}

export interface ImportSummary {
  readonly entity: EntityKind;
  readonly file: string;
  /** Data rows read (the header excluded). */
  readonly rows: number;
  readonly skipped: number;
  /** Skipped rows by the first rule they matched. */
  readonly skippedBy: Record<string, number>;
  readonly rejected: number;
  /** Items handed to ingestion (orders when grouping lines). */
  readonly items: number;
  readonly created: number;
  readonly duplicates: number;
  readonly customersCreated: number;
  readonly batches: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

/** A value as read: CSV text, or any JSON value for NDJSON. */
type Raw = unknown;

/** Where a field's value comes from. */
interface Source {
  readonly field: string;
  /** The column (CSV header name or NDJSON key path) the value comes from, for the rejects report. */
  readonly column: string;
  read(row: SourceRow): Raw;
}

interface SourceRow {
  readonly line: number;
  readonly fields?: string[];
  readonly object?: Record<string, unknown>;
}

/** One ingestion item with the line it came from (an order's first line when grouping). */
interface Item {
  readonly line: number;
  readonly key: string;
  input: Record<string, unknown>;
  /** Orders grouped from lines: the running totals. */
  amount?: number;
  items?: number;
  customer?: string;
}

const missing = (v: Raw) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const text = (v: Raw) => (typeof v === "string" ? v.trim() : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

function getPath(object: Record<string, unknown>, path: string): unknown {
  if (path in object) return object[path];
  let cur: unknown = object;
  for (const part of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The sources of the mapped fields: explicit columns, same-named columns, constants; bag fields (`traits.x`) too. */
function sources(mapping: Mapping, header: string[] | null): Source[] {
  const out: Source[] = [];
  const index = new Map(header?.map((h, i) => [h.trim(), i]) ?? []);
  const column = (field: string, name: string): Source => {
    if (!header) return { field, column: name, read: (row) => getPath(row.object as Record<string, unknown>, name) };
    const i = index.get(name);
    if (i === undefined) throw new UsageError(`--map ${field}=${name}: the header has no column ${JSON.stringify(name)} (columns: ${header.join(", ")})`);
    return { field, column: name, read: (row) => (row.fields as string[])[i] };
  };
  const bag = BAG_FIELD[mapping.entity];
  const fields = [...ENTITY_FIELDS[mapping.entity].map((f) => f.name), ...Object.keys({ ...mapping.columns, ...mapping.constants }).filter((f) => bag && f.startsWith(`${bag}.`))];
  if (bag && header) for (const h of header) if (h.startsWith(`${bag}.`) && !fields.includes(h)) fields.push(h);
  for (const field of new Set(fields)) {
    const constant = mapping.constants[field];
    const col = mapping.columns[field];
    if (constant !== undefined) out.push({ field, column: "(--set)", read: () => constant });
    else if (col !== undefined) out.push(column(field, col));
    else if (!header || index.has(field)) out.push(column(field, field));
  }
  const have = new Set(out.map((s) => s.field));
  for (const spec of ENTITY_FIELDS[mapping.entity]) {
    if (spec.required && !have.has(spec.name) && !(header === null)) {
      throw new UsageError(`${mapping.entity}: field ${spec.name} (${spec.help}) has no column: add --map ${spec.name}=<column> or --set ${spec.name}=<value>`);
    }
  }
  if (mapping.entity === "orders" && header && !have.has("amount") && !have.has("unitPrice")) {
    throw new UsageError("orders: map amount, or quantity and unitPrice (amount = quantity × unitPrice)");
  }
  return out;
}

function matches(rule: SkipRule, raw: Raw, decimal: "." | ","): boolean {
  switch (rule.op) {
    case "empty":
      return missing(raw);
    case "equals":
      return !missing(raw) && text(raw) === rule.value;
    case "startsWith":
      return !missing(raw) && text(raw).startsWith(rule.value);
    default: {
      const n = parseNumber(raw, decimal);
      if (n === null) return false;
      const v = Number(rule.value);
      return rule.op === "lt" ? n < v : rule.op === "lte" ? n <= v : rule.op === "gt" ? n > v : n >= v;
    }
  }
}

/** Why a value cannot be read as its field's type, or the value. */
function convert(spec: FieldSpec | undefined, raw: Raw, mapping: Mapping): { value: unknown } | { reason: string } {
  const type = spec?.type ?? "string";
  switch (type) {
    case "string":
      return { value: text(raw) };
    case "date": {
      const d = parseDate(raw, mapping.dateFormat);
      return d ? { value: d } : { reason: `a date (${mapping.dateFormat === "iso" ? "ISO 8601; without a zone read as UTC" : mapping.dateFormat})` };
    }
    case "number": {
      const n = parseNumber(raw, mapping.decimal);
      return n === null ? { reason: `a number (decimal separator ${JSON.stringify(mapping.decimal)})` } : { value: n };
    }
    case "integer": {
      const n = parseInteger(raw, mapping.decimal);
      return n === null ? { reason: "an integer" } : { value: n };
    }
    case "json": {
      let v: unknown = raw;
      if (typeof raw === "string") {
        try {
          v = JSON.parse(raw);
        } catch {
          return { reason: "a JSON object" };
        }
      }
      return typeof v === "object" && v !== null && !Array.isArray(v) ? { value: v } : { reason: "a JSON object" };
    }
  }
}

/**
 * The idempotency key of a row without one: a hash of the entity and the
 * row's mapped values (not of its line number), so re-running the file —
 * or a re-export with rows in another order or more rows appended — adds
 * nothing; two identical rows in one file are one event.
 */
function contentKey(entity: EntityKind, raws: readonly Raw[]): string {
  return `imp_${createHash("sha256").update(JSON.stringify([entity, ...raws.map((r) => (missing(r) ? null : text(r)))])).digest("base64url").slice(0, 32)}`;
}

type Built = { item: Item } | { field: string; reason: string; value: Raw };

/** The ingestion item of one mapped row (values already converted). */
function build(entity: EntityKind, line: number, v: Record<string, unknown>, key: () => string): Built {
  const opt = (name: string, field = name) => (v[field] === undefined ? {} : { [name]: v[field] });
  const ref = (field: string) => ({ externalId: v[field] as string });
  switch (entity) {
    case "customers":
      return { item: { line, key: v.customerId as string, input: { externalId: v.customerId, ...opt("email"), ...opt("traits") } } };
    case "orders": {
      let amount = v.amount as number | undefined;
      let items = v.items as number | undefined;
      if (v.unitPrice !== undefined) {
        if (v.quantity === undefined) return { field: "quantity", reason: "required with unitPrice (amount = quantity × unitPrice)", value: "" };
        amount = (v.quantity as number) * (v.unitPrice as number);
        items ??= Number.isInteger(v.quantity) ? (v.quantity as number) : 1;
      }
      if (amount === undefined) return { field: "amount", reason: "required (or map quantity and unitPrice)", value: "" };
      items ??= 1;
      const externalId = v.externalId as string;
      return { item: { line, key: externalId, amount, items, customer: v.customerId as string, input: { externalId, customer: ref("customerId"), orderedAt: v.orderedAt, amount, items } } };
    }
    case "interactions": {
      const k = (v.idempotencyKey as string | undefined) ?? key();
      return {
        item: {
          line,
          key: k,
          input: {
            idempotencyKey: k,
            customer: ref("customerId"),
            type: v.type,
            channel: v.channel,
            occurredAt: v.occurredAt,
            ...opt("touchpoint"),
            ...opt("value"),
            ...opt("properties"),
          },
        },
      };
    }
    case "survey-answers": {
      const kind = String(v.kind).toUpperCase();
      if (!(Object.values(FeedbackKind) as string[]).includes(kind)) return { field: "kind", reason: "NPS, CSAT or CES", value: v.kind };
      const k = (v.idempotencyKey as string | undefined) ?? key();
      return {
        item: {
          line,
          key: k,
          input: {
            idempotencyKey: k,
            ...(v.customerId === undefined ? {} : { customer: ref("customerId") }),
            survey: v.survey,
            kind,
            score: v.score ?? null,
            ...opt("scaleMin"),
            ...opt("scaleMax"),
            ...opt("touchpoint"),
            ...opt("channel"),
            respondedAt: v.respondedAt,
          },
        },
      };
    }
    case "tickets": {
      const type = String(v.type).toLowerCase();
      if (!(Object.values(TicketEventType) as string[]).includes(type)) return { field: "type", reason: Object.values(TicketEventType).join(", "), value: v.type };
      const k = (v.idempotencyKey as string | undefined) ?? key();
      return {
        item: {
          line,
          key: k,
          input: {
            idempotencyKey: k,
            ticket: { externalId: v.ticketId, ...(v.customerId === undefined ? {} : { customer: ref("customerId") }), ...opt("channel") },
            type,
            occurredAt: v.occurredAt,
          },
        },
      };
    }
  }
}

/** The ingestion call of an entity: the resolver the API serves, called in-process. */
async function ingest(entity: EntityKind, ctx: Context, input: Record<string, unknown>[]): Promise<{ created: number; duplicates: number; customersCreated: number }> {
  const resolver = new IngestionResolver();
  switch (entity) {
    case "customers": {
      const p = await recordCustomers(ctx, input as never);
      return { ...p, customersCreated: p.created };
    }
    case "orders":
      return resolver.recordOrders(ctx, input as never);
    case "interactions":
      return resolver.recordInteractions(ctx, input as never);
    case "survey-answers":
      return resolver.recordSurveyAnswers(ctx, input as never);
    case "tickets":
      return resolver.recordTicketEvents(ctx, input as never);
  }
}

function isInputError(e: unknown): e is InputError {
  return e instanceof InputError || (e instanceof Error && e.name === "InputError" && Array.isArray((e as InputError).path));
}

/**
 * Streams `file` into the workspace. Every row is read, filtered (skip
 * rules), converted and checked on its own first, and a row that fails is
 * written to the rejects report instead of its batch; the rows that pass go
 * in batches to the same ingestion call the API serves. When that call
 * still refuses an item (its InputError names the item's index and field),
 * the item is reported, taken out, and the rest of the batch is sent again:
 * ingestion validates before its transaction, so the refused attempt wrote
 * nothing, and the good rows of a batch always land.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { mapping, rejects } = options;
  const entity = mapping.entity;
  const specs = new Map(ENTITY_FIELDS[entity].map((s) => [s.name, s]));
  const input = await openInput(options.file);
  const progress = options.progress(input.totalBytes);
  const started = performance.now();
  const skippedBy: Record<string, number> = {};
  let rows = 0;
  let skipped = 0;
  let itemCount = 0;
  let created = 0;
  let duplicates = 0;
  let customersCreated = 0;
  let batches = 0;
  let srcs: Source[] | null = null;
  let ruleSources: (Source | undefined)[] = [];
  let batch: Item[] = [];
  let group: Item | null = null;
  const columnOf = (field: string) => srcs?.find((s) => s.field === field)?.column ?? "";

  const send = async (items: Item[]) => {
    batches++;
    let todo = items;
    while (todo.length > 0) {
      try {
        const p = await ingest(entity, options.context(), todo.map((x) => x.input));
        created += p.created;
        duplicates += p.duplicates;
        customersCreated += p.customersCreated;
        return;
      } catch (e) {
        const index = isInputError(e) && e.path[0] === "input" ? e.path[1] : undefined;
        if (!isInputError(e) || typeof index !== "number" || !todo[index]) throw e;
        const bad = todo[index];
        const path = e.path.slice(2).join(".");
        const field = ERROR_FIELDS[path] ?? path;
        rejects.add({ line: bad.line, field, column: columnOf(field), reason: `${e.code}: ${e.message.replace(/ at input\[\d+\][.\w]*$/, "")}`, value: e.value === undefined ? "" : text(e.value) });
        todo = todo.filter((_, k) => k !== index);
      }
    }
  };
  const push = async (item: Item) => {
    itemCount++;
    batch.push(item);
    if (batch.length >= options.batchSize) {
      const full = batch;
      batch = [];
      await send(full);
    }
  };

  const handle = async (row: SourceRow) => {
    rows++;
    const s = srcs as Source[];
    for (const [k, rule] of mapping.skip.entries()) {
      const src = ruleSources[k];
      if (src && matches(rule, src.read(row), mapping.decimal)) {
        skipped++;
        skippedBy[rule.text] = (skippedBy[rule.text] ?? 0) + 1;
        return;
      }
    }
    const values: Record<string, unknown> = {};
    const raws: Raw[] = [];
    const bag = BAG_FIELD[entity];
    for (const src of s) {
      const raw = src.read(row);
      raws.push(raw);
      const spec = specs.get(src.field);
      if (missing(raw)) {
        if (spec?.required) return rejects.add({ line: row.line, field: src.field, column: src.column, reason: `required: ${spec.help}`, value: "" });
        continue;
      }
      const c = convert(spec, raw, mapping);
      if ("reason" in c) return rejects.add({ line: row.line, field: src.field, column: src.column, reason: `expected ${c.reason}`, value: text(raw) });
      if (bag && src.field.startsWith(`${bag}.`)) {
        const obj = (values[bag] ??= {}) as Record<string, unknown>;
        obj[src.field.slice(bag.length + 1)] = c.value;
      } else if (bag && src.field === bag && values[bag]) Object.assign(values[bag] as object, c.value);
      else values[src.field] = c.value;
    }
    const built = build(entity, row.line, values, () => contentKey(entity, raws));
    if ("field" in built) return rejects.add({ line: row.line, field: built.field, column: columnOf(built.field), reason: built.reason, value: missing(built.value) ? "" : text(built.value) });
    const item = built.item;
    if (!mapping.groupByOrder) return push(item);
    // Lines of one order: consecutive rows with the same externalId (an order is sent once its last line is read).
    if (group && group.key === item.key) {
      if (group.customer !== item.customer) {
        return rejects.add({ line: row.line, field: "customerId", column: columnOf("customerId"), reason: `order ${item.key} has customer ${group.customer} on line ${group.line}`, value: item.customer ?? "" });
      }
      group.amount = (group.amount as number) + (item.amount as number);
      group.items = (group.items as number) + (item.items as number);
      const at = item.input.orderedAt as Date;
      group.input = { ...group.input, amount: group.amount, items: group.items, ...(at < (group.input.orderedAt as Date) ? { orderedAt: at } : {}) };
      return;
    }
    const done = group;
    group = item;
    if (done) await push(done);
  };

  const limit = options.limit ?? Infinity;
  const start = (header: string[] | null) => {
    srcs = sources(mapping, header);
    const bySource = new Map(srcs.map((x) => [x.field, x]));
    ruleSources = mapping.skip.map((r) => bySource.get(r.field));
    const unmapped = mapping.skip.find((r) => !bySource.has(r.field));
    if (unmapped) throw new UsageError(`--skip ${unmapped.text}: field ${unmapped.field} has no column`);
  };

  try {
    if (mapping.format === "csv") {
      const parser = new CsvParser(mapping.delimiter);
      let header: string[] | null = null;
      outer: for await (const chunk of input.text) {
        const records = parser.push(chunk);
        for (const r of records) {
          if (!header) {
            header = r.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
            start(header);
            continue;
          }
          if (rows >= limit) break outer;
          await handle(r);
        }
        progress.update(rows, input.bytesRead(), rejects.count);
      }
      if (rows < limit) for (const r of parser.end()) if (header) await handle(r);
      if (!header) throw new UsageError(`${options.file}: no header line (a CSV import needs one)`);
    } else {
      start(null);
      let carry = "";
      let lineNo = 0;
      const onLine = async (l: string) => {
        lineNo++;
        if (l.trim() === "") return;
        let object: unknown;
        try {
          object = JSON.parse(l);
        } catch {
          object = undefined;
        }
        if (typeof object !== "object" || object === null || Array.isArray(object)) {
          rows++;
          return rejects.add({ line: lineNo, field: "(row)", column: "", reason: "expected a JSON object on the line", value: l.slice(0, 200) });
        }
        await handle({ line: lineNo, object: object as Record<string, unknown> });
      };
      outer: for await (const chunk of input.text) {
        const parts = (carry + chunk).split("\n");
        carry = parts.pop() ?? "";
        for (const l of parts) {
          if (rows >= limit) break outer;
          await onLine(l);
        }
        progress.update(rows, input.bytesRead(), rejects.count);
      }
      if (rows < limit && carry !== "") await onLine(carry);
    }
    if (group) await push(group);
    if (batch.length > 0) await send(batch);
  } finally {
    progress.finish(rows, rejects.count);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    entity,
    file: options.file,
    rows,
    skipped,
    skippedBy,
    rejected: rejects.count,
    items: itemCount,
    created,
    duplicates,
    customersCreated,
    batches,
    seconds,
    rowsPerSecond: seconds > 0 ? rows / seconds : 0,
  };
}
