import { createCipheriv, createDecipheriv, createHmac, type Cipher, type Decipher } from "node:crypto";
import { DEVELOPMENT_SECRET } from "../auth/ApiKeyAuthenticator.js";
import { BoundedCache } from "./BoundedCache.js";
import { isIdKind, type IdKind } from "./IdKind.js";

/** The info string the AES key is derived with (HMAC-SHA-256 of the server secret): a key of its own, not the API-key hashing one. */
export const ID_KEY_INFO = "engagekit ids";

/** Encodings remembered per codec (a page is at most 100 rows; 10,000 covers the pages of many workspaces, ~1 MB). */
export const DEFAULT_ID_CACHE_SIZE = 10_000;

const VERSION = 1;
const MAX_WORKSPACE_ID = 0xffff_ffff;
const TWO_32 = 2 ** 32;
// 16 bytes in base64url: 22 characters, the last one with its two low bits zero (one spelling per id).
const BODY = /^[A-Za-z0-9_-]{21}[AEIMQUYcgkosw048]$/;
const DIGITS = /^\d{1,16}$/;

/**
 * Opaque ids: `<kind>_<base64url(AES-128(block))>`, where the 16-byte block
 * is the kind's three letters, a version byte (1), the workspace id (uint32)
 * and the row id (uint64, at most 2⁵³ − 1), all big-endian. The key is the
 * first 16 bytes of HMAC-SHA-256(secret, "engagekit ids").
 *
 * Why this shape: one AES block is a keyed permutation, so an id reveals
 * neither the row number nor the global sequence, and ids do not change
 * between requests. Decoding checks the kind, the version, the workspace and
 * the row id's top 11 bits: an id of another workspace or of another kind,
 * a raw row number, or anything forged decodes as null ("not yours"); a
 * random 22-character body passes with probability 2⁻⁷⁵. ECB is the right
 * mode for a single block (no IV: the same id must encode the same way), so
 * one cipher and one decipher object are reused (`update()` per block,
 * never `final()`), and recent encodings are kept in a bounded cache:
 * lists of 100 customers are encoded on every request.
 *
 * Rotating the secret changes every id (stored ids and cursors stop
 * resolving), like it invalidates every API key.
 *
 * @example
 * const codec = new IdCodec("a server secret");
 * const id = codec.encode("cus", 1, 42); // "cus_…" (22 more characters)
 * codec.decode("cus", 1, id); // 42
 * codec.decode("cus", 2, id); // null: another workspace's
 * codec.decode("ord", 1, id); // null: not an order id
 */
export class IdCodec {
  readonly #cipher: Cipher;
  readonly #decipher: Decipher;
  readonly #block = Buffer.alloc(16);
  readonly #cache: BoundedCache<string, string>;

  /**
   * @param secret - the server secret (createServer's `auth.secret`), non-empty
   * @param cacheSize - encodings remembered (default {@link DEFAULT_ID_CACHE_SIZE})
   */
  constructor(secret: string, cacheSize = DEFAULT_ID_CACHE_SIZE) {
    if (typeof secret !== "string" || secret.length === 0) throw new RangeError("IdCodec requires a non-empty secret");
    const key = createHmac("sha256", secret).update(ID_KEY_INFO).digest().subarray(0, 16);
    this.#cipher = createCipheriv("aes-128-ecb", key, null);
    this.#cipher.setAutoPadding(false);
    this.#decipher = createDecipheriv("aes-128-ecb", key, null);
    this.#decipher.setAutoPadding(false);
    this.#cache = new BoundedCache(cacheSize);
  }

  /**
   * The opaque id of row `rowId` of kind `kind` in workspace `workspaceId`.
   * RangeError for a malformed kind, a workspace id outside 0–2³²−1, or a row
   * id that is not a non-negative safe integer (given as a number or as its
   * decimal digits, the way resolvers hand ids out).
   */
  encode(kind: IdKind, workspaceId: number, rowId: number | string): string {
    const cacheKey = `${kind}${workspaceId}:${rowId}`;
    const cached = this.#cache.get(cacheKey);
    if (cached !== undefined) return cached;
    if (!isIdKind(kind)) throw new RangeError(`IdCodec.encode requires a kind of three lowercase letters, got ${JSON.stringify(kind)}`);
    if (!Number.isInteger(workspaceId) || workspaceId < 0 || workspaceId > MAX_WORKSPACE_ID) throw new RangeError(`IdCodec.encode requires a workspace id in 0–${MAX_WORKSPACE_ID}, got ${workspaceId}`);
    const row = typeof rowId === "string" ? (DIGITS.test(rowId) ? Number(rowId) : Number.NaN) : rowId;
    if (!Number.isSafeInteger(row) || row < 0) throw new RangeError(`IdCodec.encode requires a row id that is a non-negative safe integer, got ${JSON.stringify(rowId)}`);
    const b = this.#block;
    b[0] = kind.charCodeAt(0);
    b[1] = kind.charCodeAt(1);
    b[2] = kind.charCodeAt(2);
    b[3] = VERSION;
    b.writeUInt32BE(workspaceId, 4);
    b.writeUInt32BE(Math.floor(row / TWO_32), 8);
    b.writeUInt32BE(row >>> 0, 12);
    const id = `${kind}_${this.#cipher.update(b).toString("base64url")}`;
    this.#cache.set(cacheKey, id);
    return id;
  }

  /**
   * The row id `id` stands for, when it is an id of kind `kind` in workspace
   * `workspaceId` made with this secret; null otherwise (whatever `id` is).
   */
  decode(kind: IdKind, workspaceId: number, id: unknown): number | null {
    if (typeof id !== "string" || id.length !== 26 || id.charCodeAt(3) !== 95 || !id.startsWith(kind) || !isIdKind(kind)) return null;
    const body = id.slice(4);
    if (!BODY.test(body)) return null;
    const plain = this.#decipher.update(Buffer.from(body, "base64url"));
    if (plain.length !== 16) return null;
    if (plain[0] !== kind.charCodeAt(0) || plain[1] !== kind.charCodeAt(1) || plain[2] !== kind.charCodeAt(2) || plain[3] !== VERSION) return null;
    if (plain.readUInt32BE(4) !== workspaceId) return null;
    const high = plain.readUInt32BE(8);
    if (high >= 0x20_0000) return null;
    return high * TWO_32 + plain.readUInt32BE(12);
  }
}

const shared = new Map<string, IdCodec>();

/**
 * The codec of a server secret (default: the development secret, which
 * createServer uses without `auth.secret`), one per secret per process: what
 * tests and tools use to write and read the ids a server hands out.
 *
 * @example
 * const id = idCodec().encode("cus", workspaceId, rowId); // the API's Customer.id
 */
export function idCodec(secret: string = DEVELOPMENT_SECRET): IdCodec {
  let codec = shared.get(secret);
  if (!codec) {
    codec = new IdCodec(secret);
    shared.set(secret, codec);
  }
  return codec;
}
