import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CsvParser, type CsvRecord } from "../src/import/csvParser.js";
import { parseDate, parseNumber } from "../src/import/transforms.js";
import { Progress } from "../src/import/progress.js";
import { parseSkipRule, resolveMapping, UsageError } from "../src/import/mapping.js";

/** RFC 4180 writer: quotes a field when it holds a comma, a quote, CR or LF. */
const quote = (f: string) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replace(/"/g, '""')}"` : f);

/** Feeds `text` to a parser in the given chunk sizes. */
function parseInChunks(text: string, sizes: number[]): CsvRecord[] {
  const p = new CsvParser();
  const out: CsvRecord[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= text.length) break;
    out.push(...p.push(text.slice(at, at + n)));
    at += n;
  }
  out.push(...p.push(text.slice(at)), ...p.end());
  return out;
}

describe("the import's CSV parser", () => {
  it("should give back the records an RFC 4180 writer wrote, however the text is cut into chunks (law)", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "😀"), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 40 }), fc.boolean(), (records, sizes, crlf) => {
        const eol = crlf ? "\r\n" : "\n";
        const text = records.map((r) => r.map(quote).join(",")).join(eol) + eol;
        const parsed = parseInChunks(text, sizes);
        expect(parsed.map((r) => r.fields)).toEqual(records);
        // Each record starts on the line after the previous record's last line break.
        let line = 1;
        parsed.forEach((r, i) => {
          expect(r.line).toBe(line);
          line += 1 + ((records[i] as string[]).join(",").match(/\n/g)?.length ?? 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("should skip blank lines, read a last record without a line break, and refuse an unclosed quote", () => {
    expect(parseInChunks("a,b\n\n1,2", [3]).map((r) => [r.line, r.fields])).toEqual([
      [1, ["a", "b"]],
      [3, ["1", "2"]],
    ]);
    const p = new CsvParser();
    p.push('a,"b\n');
    expect(() => p.end()).toThrow("unclosed quoted field starting on line 1");
  });
});

describe("the import's value transforms", () => {
  it("should read ISO dates without a zone as UTC wall-clock time, like the core's Online Retail loader", () => {
    expect(parseDate("2011-12-09 12:50:00")?.toISOString()).toBe("2011-12-09T12:50:00.000Z");
    expect(parseDate("2011-12-09")?.toISOString()).toBe("2011-12-09T00:00:00.000Z");
    expect(parseDate("2011-12-09T12:50:00+01:00")?.toISOString()).toBe("2011-12-09T11:50:00.000Z");
    expect(parseDate("2011-02-30 10:00")).toBeNull();
    expect(parseDate("9 Dec 2011")).toBeNull();
  });

  it("should read patterns (the UCI spreadsheet's M/d/yyyy H:mm) and epochs", () => {
    expect(parseDate("12/1/2010 8:26", "M/d/yyyy H:mm")?.toISOString()).toBe("2010-12-01T08:26:00.000Z");
    expect(parseDate("01.04.2024 12:00", "dd.MM.yyyy HH:mm")?.toISOString()).toBe("2024-04-01T12:00:00.000Z");
    expect(parseDate("13/1/2010 8:26", "M/d/yyyy H:mm")).toBeNull();
    expect(parseDate("1700000000", "epoch-s")?.getTime()).toBe(1_700_000_000_000);
    expect(parseDate(1_700_000_000_000, "epoch-ms")?.getTime()).toBe(1_700_000_000_000);
  });

  it("should read numbers with either decimal separator and refuse anything else", () => {
    expect(parseNumber("2.55")).toBe(2.55);
    expect(parseNumber("-80995")).toBe(-80995);
    expect(parseNumber("1.234,5", ",")).toBe(1234.5);
    expect(parseNumber("1,5")).toBeNull();
    expect(parseNumber("abc")).toBeNull();
    expect(parseNumber("")).toBeNull();
  });
});

describe("the import's mapping", () => {
  it("should parse skip rules and refuse malformed ones as usage errors", () => {
    expect(parseSkipRule("externalId^=C")).toMatchObject({ field: "externalId", op: "startsWith", value: "C" });
    expect(parseSkipRule("customerId=")).toMatchObject({ op: "empty" });
    expect(parseSkipRule("quantity<=0")).toMatchObject({ op: "lte", value: "0" });
    expect(() => parseSkipRule("quantity<=x")).toThrow(UsageError);
  });

  it("should let flags override the mapping file and refuse fields the entity does not have", () => {
    const m = resolveMapping({ entity: "orders", file: "x.csv", map: ["customerId=Buyer"], set: [], skip: [], mappingFile: `${import.meta.dirname}/../import/online-retail.mapping.json` });
    expect(m.columns).toMatchObject({ customerId: "Buyer", externalId: "InvoiceNo" });
    expect(m.groupByOrder).toBe(true);
    expect(() => resolveMapping({ entity: "tickets", file: "x.csv", map: ["amount=A"], set: [], skip: [] })).toThrow('tickets has no field "amount"');
    expect(resolveMapping({ file: "events.ndjson.gz", entity: "interactions", map: [], set: [], skip: [] }).format).toBe("ndjson");
  });
});

describe("the import's progress", () => {
  const capture = () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (d: Buffer) => (text += d.toString()));
    return { out, text: () => text };
  };

  it("should redraw one bar line with rows/s and ETA on a TTY, and end it with a line break", () => {
    const c = capture();
    const p = new Progress("bar", c.out, 1000, 0);
    p.update(100, 250, 0, true);
    p.finish(400, 2);
    expect(c.text()).toMatch(/^\r\[#{8}-{22}\]  25\.0% 100 rows  [\d,]+ rows\/s  ETA \d+s\x1b\[K\r\[#{30}\] 100\.0% 400 rows  [\d,]+ rows\/s  ETA 0s  2 rejected\x1b\[K\n$/);
  });

  it("should print plain lines at most once per interval, and always a last one", () => {
    const c = capture();
    const p = new Progress("plain", c.out, 1000, 60_000);
    p.update(10, 100, 0);
    p.update(20, 200, 0);
    p.finish(30, 0);
    const lines = c.text().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^progress: 10 rows, 10\.0%, [\d,]+ rows\/s, ETA \d+s, 0 rejected$/);
    expect(lines[1]).toMatch(/^progress: 30 rows, 100\.0%/);
  });
});
