// The security headers of every response, in one place (ADR 024). server/index.js sets the fixed ones on
// every response before anything answers, a page rendered by Remix gets a Content-Security-Policy with a
// fresh nonce for its inline scripts (a reading page, for its inline first-paint <style> too: ADR 053), and a
// page served from the page cache gets one with the hashes of the scripts and styles that carried its render's
// nonce (a nonce cannot be fresh inside a stored page).
import { createHash, randomBytes } from "node:crypto";

const HSTS = "max-age=31536000";
const RECEIPT_PREFIX = "/y-kien/"; // receiptPath in app/consultations/urls.ts

/**
 * The policy: only this site's own scripts, styles, images and connections; never framed, never a base or a
 * plugin. Inline scripts and styles only those the sources name (a nonce or hashes), never style attributes.
 */
export function contentSecurityPolicy(/** @type {string[]} */ scriptSources = [], /** @type {string[]} */ styleSources = []) {
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptSources].join(" ")}`,
    `style-src ${["'self'", ...styleSources].join(" ")}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries (static files, refusals and cached pages too). */
const FIXED = {
  "Content-Security-Policy": contentSecurityPolicy(),
  "X-Content-Type-Options": "nosniff",
  // Full address within the site, nothing to other sites: a receipt link (/y-kien/<token>) never leaks.
  // Not `no-referrer`: with it a browser sends `Origin: null` on the site's own form posts.
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/**
 * Whether the client reached us over HTTPS: the socket's TLS, or X-Forwarded-Proto from a proxy the
 * deployment trusts (Express's compiled "trust proxy" function, as req.protocol decides it).
 * @param {import("node:http").IncomingMessage} req
 * @param {(address: string | undefined, hop: number) => boolean} trustProxy
 */
export function isHttps(req, trustProxy) {
  if (/** @type {import("node:tls").TLSSocket} */ (req.socket).encrypted) return true;
  if (!trustProxy(req.socket.remoteAddress, 0)) return false;
  const proto = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    .trim()
    .toLowerCase();
  return proto === "https";
}

/**
 * Sets the fixed headers on a response, and HSTS when the request came over HTTPS.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {(address: string | undefined, hop: number) => boolean} trustProxy
 */
export function setSecurityHeaders(req, res, trustProxy) {
  for (const name in FIXED) res.setHeader(name, FIXED[/** @type {keyof typeof FIXED} */ (name)]);
  // A receipt's address is its secret: not even this site's own pages get it as a referrer.
  if (req.url?.startsWith(RECEIPT_PREFIX)) res.setHeader("Referrer-Policy", "no-referrer");
  if (isHttps(req, trustProxy)) res.setHeader("Strict-Transport-Security", HSTS);
}

/**
 * A fresh nonce for a page Remix renders, and the policy that allows it (replacing the fixed one).
 * @param {import("node:http").ServerResponse} res
 */
export function setScriptNonce(res) {
  const nonce = randomBytes(16).toString("base64");
  res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`]));
  return nonce;
}

/**
 * Allows the page's inline <style> elements that carry its nonce too: a reading page's first-paint CSS
 * (ADR 053). Only the pages that have one ask (app/entry.server.tsx), so other pages keep `style-src 'self'`.
 * @param {import("node:http").ServerResponse} res
 * @param {string} nonce the nonce setScriptNonce gave this response
 */
export function allowNonceStyles(res, nonce) {
  res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`], [`'nonce-${nonce}'`]));
}

const NONCE_SOURCE = /'nonce-([A-Za-z0-9+/=_-]+)'/;
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const INLINE_STYLE = /<style\b([^>]*)>([\s\S]*?)<\/style\s*>/gi;

/** The sources of one directive of a policy (`script-src`, `style-src`). */
const directive = (/** @type {string} */ policy, /** @type {string} */ name) =>
  policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([first]) => first === name)
    ?.slice(1) ?? [];

const sha256 = (/** @type {string} */ body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;

/**
 * The policy for stored copies of a page: the hashes of the inline scripts that carry the nonce the page
 * was rendered with, and of its inline styles that carry it when the rendered policy allowed styles by that
 * nonce. A script or style without that nonce (markup injected into content) stays blocked.
 * @param {string | undefined} policy the rendered page's policy
 * @param {Buffer} html the rendered page
 * @returns {string} the policy cached copies are served with
 */
export function cachedPagePolicy(policy, html) {
  const nonce = NONCE_SOURCE.exec(directive(policy ?? "", "script-src").join(" "))?.[1];
  if (!nonce) return contentSecurityPolicy();
  const page = html.toString("utf8");
  const scripts = new Set();
  for (const [, attributes, body] of page.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || !attributes.includes(`nonce="${nonce}"`)) continue;
    scripts.add(sha256(body));
  }
  const styles = new Set();
  if (directive(policy ?? "", "style-src").includes(`'nonce-${nonce}'`)) {
    for (const [, attributes, body] of page.matchAll(INLINE_STYLE)) if (attributes.includes(`nonce="${nonce}"`)) styles.add(sha256(body));
  }
  return contentSecurityPolicy([...scripts], [...styles]);
}
