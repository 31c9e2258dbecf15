import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";

/**
 * Headers every response carries (OWASP Secure Headers Project's baseline
 * for an API): no MIME sniffing, no Referer leaking URLs, never framed
 * (clickjacking), and a Content-Security-Policy that allows nothing — JSON
 * and plain-text answers load no resources.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/**
 * The Content-Security-Policy an integrator's page served through
 * `createServer({ routes })` starts with: resources from its own origin only
 * (its scripts, styles and `fetch("/graphql")`), never framed. A route that
 * needs more sets its own `content-security-policy` header, which replaces it.
 */
export const ROUTE_CSP = "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Sets {@link SECURITY_HEADERS} on a response (before anything is written).
 *
 * @example
 * httpServer.on("request", (req, res) => { applySecurityHeaders(res); … });
 */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * The Content-Security-Policy of an HTML page that is self-contained the way
 * the offline GraphiQL page is (@graphql-yoga/render-graphiql: its scripts
 * inline, Monaco's workers started from `blob:` URLs, fonts and icons as
 * `data:` URLs, queries POSTed to the same origin).
 *
 * Definition: inline `<script>` elements are allowed by their SHA-256 hash
 * (CSP Level 2 hash sources), so no other inline script can run; `blob:`
 * scripts and workers are allowed because the page creates them itself;
 * styles may be inline (Monaco sets them at run time); `connect-src 'self'`
 * keeps every request on this server; nothing may frame the page.
 *
 * @param html - the page, as served
 * @example
 * res.setHeader("content-security-policy", htmlPageCsp(graphiqlPage));
 */
export function htmlPageCsp(html: string): string {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = match[1] ?? "";
    hashes.push(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [
    "default-src 'none'",
    `script-src 'self' blob: ${hashes.join(" ")}`.trimEnd(),
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
