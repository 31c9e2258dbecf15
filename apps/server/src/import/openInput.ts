import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";

/** A file opened for streaming: its text, and how far into the file (on disk) the reader is. */
export interface InputFile {
  readonly text: AsyncIterable<string>;
  /** Bytes of the file on disk (compressed, for a .gz). */
  readonly totalBytes: number;
  /** Bytes read from disk so far: the progress bar's fraction and ETA. */
  bytesRead(): number;
  readonly gzip: boolean;
}

/**
 * Opens `path` as UTF-8 text, gunzipping on the fly when it starts with the
 * gzip magic bytes (so `.gz` works whatever the name). 256 KiB reads: the
 * text arrives in chunks of that order, never as the whole file.
 */
export async function openInput(path: string): Promise<InputFile> {
  const totalBytes = statSync(path).size;
  const head = Buffer.alloc(2);
  const fd = await open(path, "r");
  try {
    await fd.read(head, 0, 2, 0);
  } finally {
    await fd.close();
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  let text: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    raw.on("error", (e) => gunzip.destroy(e));
    text = raw.pipe(gunzip);
  }
  // setEncoding decodes UTF-8 across chunk boundaries (a character split between two reads).
  text.setEncoding("utf8");
  return { text: text as AsyncIterable<string>, totalBytes, bytesRead: () => raw.bytesRead, gzip };
}
