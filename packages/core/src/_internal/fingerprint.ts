/**
 * A short, stable fingerprint of a JSON value: FNV-1a (32-bit) over its JSON
 * text, twice with different offsets, as 16 hex digits. For telling configurations
 * apart (not for security).
 */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
