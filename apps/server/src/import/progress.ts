import type { Writable } from "node:stream";

/** `bar`: a redrawn line (TTY); `plain`: a line every interval (logs, CI); `none`. */
export type ProgressMode = "bar" | "plain" | "none";

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const t = Math.max(0, Math.round(s));
  return t >= 3600 ? `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, "0")}m` : t >= 60 ? `${Math.floor(t / 60)}m${String(t % 60).padStart(2, "0")}s` : `${t}s`;
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Rows/s and ETA from the bytes read (of the file on disk, compressed for a
 * .gz): no pre-count of the rows, so the file is read once.
 */
export class Progress {
  readonly #mode: ProgressMode;
  readonly #out: Writable;
  readonly #totalBytes: number;
  readonly #intervalMs: number;
  readonly #started = performance.now();
  #last = -Infinity;

  constructor(mode: ProgressMode, out: Writable, totalBytes: number, intervalMs: number) {
    this.#mode = mode;
    this.#out = out;
    this.#totalBytes = totalBytes;
    this.#intervalMs = intervalMs;
  }

  /** Reports `rows` read and `bytes` of the file consumed, at most once per interval (bar: 10 times a second). */
  update(rows: number, bytes: number, rejected: number, force = false): void {
    if (this.#mode === "none") return;
    const now = performance.now();
    if (!force && now - this.#last < (this.#mode === "bar" ? 100 : this.#intervalMs)) return;
    this.#last = now;
    const elapsed = (now - this.#started) / 1000;
    const fraction = this.#totalBytes > 0 ? Math.min(1, bytes / this.#totalBytes) : 1;
    const rate = elapsed > 0 ? rows / elapsed : 0;
    const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : Infinity;
    const pct = `${(fraction * 100).toFixed(1)}%`;
    if (this.#mode === "bar") {
      const width = 30;
      const full = Math.round(fraction * width);
      const line = `[${"#".repeat(full)}${"-".repeat(width - full)}] ${pct.padStart(6)} ${int(rows)} rows  ${int(rate)} rows/s  ETA ${duration(eta)}${rejected ? `  ${int(rejected)} rejected` : ""}`;
      this.#out.write(`\r${line}\x1b[K`);
    } else {
      this.#out.write(`progress: ${int(rows)} rows, ${pct}, ${int(rate)} rows/s, ETA ${duration(eta)}, ${int(rejected)} rejected\n`);
    }
  }

  /** The final report (the bar ends its line). */
  finish(rows: number, rejected: number): void {
    if (this.#mode === "none") return;
    this.update(rows, this.#totalBytes, rejected, true);
    if (this.#mode === "bar") this.#out.write("\n");
  }
}
