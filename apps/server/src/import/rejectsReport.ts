import { createWriteStream, type WriteStream } from "node:fs";

/** One rejected row: where, which field, why. */
export interface Rejection {
  readonly line: number;
  readonly field: string;
  readonly column: string;
  readonly reason: string;
  readonly value: string;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rejected-rows report: a CSV (`line,field,column,reason,value`) written
 * as rows are rejected, so a long import's report needs no memory; the first
 * few are also kept for the summary on the terminal.
 */
export class RejectsReport {
  readonly #file: WriteStream | null;
  readonly sample: Rejection[] = [];
  count = 0;

  constructor(path: string | undefined) {
    this.#file = path ? createWriteStream(path) : null;
    this.#file?.write("line,field,column,reason,value\n");
  }

  add(r: Rejection): void {
    this.count++;
    if (this.sample.length < 10) this.sample.push(r);
    this.#file?.write(`${r.line},${csvField(r.field)},${csvField(r.column)},${csvField(r.reason)},${csvField(r.value.slice(0, 200))}\n`);
  }

  close(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    return new Promise((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}
