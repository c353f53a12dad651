import { createHash } from "node:crypto";
import { expect } from "vitest";

// What every response must carry (server/security-headers.js), checked on real responses by the header
// walk (security-headers.test.ts) and on every response of the access matrix.

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** Reads a response and checks its security headers (an HTML page's scripts too). */
export async function readChecked(response: Response, label: string): Promise<Response> {
  const html = response.status === 200 && response.headers.get("content-type")?.startsWith("text/html") ? await response.text() : undefined;
  if (html === undefined) await response.arrayBuffer();
  expectSecurityHeaders(response, label, html);
  return response;
}

/**
 * The fixed headers on any response; for an HTML page, also that the policy allows each of its inline
 * scripts (by this response's nonce, or by hash on a copy from the page cache) and nothing else.
 */
export function expectSecurityHeaders(response: Response, label: string, html?: string) {
  const headers = response.headers;
  const path = new URL(response.url).pathname;
  expect(headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(headers.get("referrer-policy"), label).toBe(path.startsWith("/y-kien/") ? "no-referrer" : "same-origin");
  expect(headers.get("x-frame-options"), label).toBe("DENY");
  const policy = headers.get("content-security-policy") ?? "";
  expect(policy, label).toContain("frame-ancestors 'none'");
  expect(policy, label).toContain("default-src 'self'");
  expect(policy, label).not.toContain("unsafe-inline");
  expect(policy.split(",").length, `${label}: one policy`).toBe(1);
  // Plain HTTP, and X-Forwarded-Proto is not believed without TRUST_PROXY.
  expect(headers.get("strict-transport-security"), label).toBeNull();
  if (html === undefined) return;

  const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  // Every page runs scripts: Remix's inline ones, or (the reading page, ADR 045) only its own module.
  expect(tags.length, `${label}: scripts`).toBeGreaterThan(0);
  for (const [, attributes] of tags) {
    const src = /\bsrc="([^"]*)"/.exec(attributes)?.[1];
    if (src !== undefined) expect(src, `${label}: a script from the app's own origin`).toMatch(/^\/build\//);
  }
  const scripts = tags.filter(([, attributes]) => !/\bsrc=/.test(attributes));
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  if (response.headers.get("x-cache") === "HIT") {
    expect(nonce, `${label}: a cached copy allows by hash, not by a stale nonce`).toBeUndefined();
    for (const [, , body] of scripts) expect(policy, `${label}: hash of ${body.slice(0, 40)}`).toContain(sha256(body));
  } else {
    expect(nonce, `${label}: nonce`).toBeTruthy();
    for (const [tag] of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
  }

  // Inline styles: only a reading page's first-paint CSS (ADR 053), allowed by this response's nonce or, on a
  // cached copy, by its hash; a page without one keeps styles to the site's own files.
  const styleSrc =
    policy
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("style-src ")) ?? "";
  const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)];
  if (styles.length === 0) expect(styleSrc, `${label}: no inline style allowed`).toBe("style-src 'self'");
  for (const [tag, , body] of styles) {
    if (response.headers.get("x-cache") === "HIT") expect(styleSrc, `${label}: hash of the inline style`).toContain(sha256(body));
    else {
      expect(tag, `${label}: the inline style's nonce`).toContain(`nonce="${nonce}"`);
      expect(styleSrc, `${label}: style nonce`).toContain(`'nonce-${nonce}'`);
    }
  }
}
