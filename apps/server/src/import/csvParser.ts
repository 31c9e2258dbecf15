/** One CSV record: its fields and the physical line it starts on (1 = the header line). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

const QUOTE = 34;
const LF = 10;

/**
 * An incremental RFC 4180 parser: feed it text chunks of any size, get the
 * records they complete. Quoted fields may hold commas, `""` and line breaks
 * (so a record can span lines: `line` is where it starts); CRLF and LF both
 * end a record; blank lines are ignored. Memory is one chunk plus the record
 * being read, whatever the file size.
 */
export class CsvParser {
  #fields: string[] = [];
  #field = "";
  #quoted = false;
  /** The previous character closed a quoted field (a quote right after it is an escaped `"`). */
  #closed = false;
  /** The record opened a quote: `""` alone on a line is a record with one empty field, not a blank line. */
  #quotedRecord = false;
  #line = 1;
  #recordLine = 1;
  readonly #delimiter: number;

  constructor(delimiter = ",") {
    if (delimiter.length !== 1) throw new Error("the CSV delimiter must be one character");
    this.#delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by `chunk`. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const delim = this.#delimiter;
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.#quoted) {
        if (c === QUOTE) {
          this.#field += chunk.slice(start, i);
          this.#quoted = false;
          this.#closed = true;
          start = i + 1;
        } else if (c === LF) this.#line++;
        continue;
      }
      if (c === QUOTE) {
        if (this.#closed && start === i) {
          // `""` inside a quoted field: a literal quote, and the field goes on quoted.
          this.#field += '"';
          this.#quoted = true;
          this.#closed = false;
          start = i + 1;
        } else if (start === i && this.#field === "") {
          this.#quoted = true;
          this.#quotedRecord = true;
          start = i + 1;
        }
        // A quote inside an unquoted field is kept as text (lenient, like most exporters' readers).
        continue;
      }
      if (c === delim) {
        this.#fields.push(this.#field + chunk.slice(start, i));
        this.#field = "";
        this.#closed = false;
        start = i + 1;
      } else if (c === LF) {
        let last = this.#field + chunk.slice(start, i);
        if (last.endsWith("\r")) last = last.slice(0, -1);
        this.#fields.push(last);
        this.#field = "";
        this.#closed = false;
        start = i + 1;
        if (this.#quotedRecord || !(this.#fields.length === 1 && this.#fields[0] === "")) out.push({ line: this.#recordLine, fields: this.#fields });
        this.#fields = [];
        this.#quotedRecord = false;
        this.#line++;
        this.#recordLine = this.#line;
      } else this.#closed = false;
    }
    this.#field += chunk.slice(start);
    return out;
  }

  /** The last record when the text does not end with a line break; throws on an unclosed quote. */
  end(): CsvRecord[] {
    if (this.#quoted) throw new Error(`unclosed quoted field starting on line ${this.#recordLine}`);
    const last = this.#field.endsWith("\r") ? this.#field.slice(0, -1) : this.#field;
    if (this.#fields.length === 0 && last === "" && !this.#quotedRecord) return [];
    this.#fields.push(last);
    const record = { line: this.#recordLine, fields: this.#fields };
    this.#fields = [];
    this.#field = "";
    this.#quotedRecord = false;
    return [record];
  }
}
