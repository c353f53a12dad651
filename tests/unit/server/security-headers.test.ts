import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { isForeignOrigin } from "../../../server/same-origin.js";
import { allowNonceStyles, cachedPagePolicy, contentSecurityPolicy, isHttps, setScriptNonce, setSecurityHeaders } from "../../../server/security-headers.js";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const trustNone = () => false;
const trustLoopback = (address: string | undefined) => address === "127.0.0.1";

function request(headers: Record<string, string>, { encrypted = false, remoteAddress = "127.0.0.1", url = "/" } = {}) {
  return { headers, url, socket: { encrypted, remoteAddress } } as unknown as IncomingMessage;
}

function response() {
  const headers = new Map<string, string>();
  return { headers, res: { setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value) } as unknown as ServerResponse };
}

describe("cachedPagePolicy", () => {
  const nonce = "AbC+/123==";
  const policy = contentSecurityPolicy([`'nonce-${nonce}'`]);

  it("allows by hash exactly the inline scripts that carried the render's nonce", () => {
    const page = Buffer.from(
      `<head><script nonce="${nonce}">window.a = 1;</script><script type="module" async="" nonce="${nonce}">import "/build/x.js";</script></head>` +
        `<p>Ý kiến: <script>alert("chèn vào")</script></p><script nonce="đoán-sai">alert(2)</script>` +
        `<script nonce="${nonce}" src="/build/y.js"></script>`,
    );
    const cached = cachedPagePolicy(policy, page);
    expect(cached).toContain(sha("window.a = 1;"));
    expect(cached).toContain(sha('import "/build/x.js";'));
    expect(cached).not.toContain(sha('alert("chèn vào")'));
    expect(cached).not.toContain(sha("alert(2)"));
    expect(cached).not.toContain("nonce-");
    expect(cached.match(/'sha256-/g)).toHaveLength(2);
  });

  it("allows by hash the inline styles that carried the nonce, only when the rendered policy allowed styles by it", () => {
    const css = ":root{--text: #1d1d1f}body{margin:0}";
    const page = Buffer.from(`<head><style nonce="${nonce}">${css}</style></head><p><style>body{display:none}</style><style nonce="x">a{}</style></p>`);
    const reading = cachedPagePolicy(contentSecurityPolicy([`'nonce-${nonce}'`], [`'nonce-${nonce}'`]), page);
    expect(reading).toContain(`style-src 'self' ${sha(css)};`);
    expect(reading).not.toContain(sha("body{display:none}"));
    expect(reading).not.toContain("nonce-");
    // A page whose policy kept styles to 'self' gets no style hash, even for a <style> with the nonce.
    expect(cachedPagePolicy(policy, page)).toContain("style-src 'self';");
  });

  it("falls back to the script-free policy for a page rendered without a nonce", () => {
    expect(cachedPagePolicy(undefined, Buffer.from(`<script>alert(1)</script>`))).toBe(contentSecurityPolicy());
  });
});

describe("the policy", () => {
  it("allows only the site's own resources, no inline styles, no framing, no base, no plugins", () => {
    const policy = contentSecurityPolicy(["'nonce-x'"]);
    expect(policy).toContain("script-src 'self' 'nonce-x'");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("object-src 'none'");
  });

  it("allows inline styles by the nonce only on the pages that ask (a reading page's first-paint CSS)", () => {
    const page = response();
    const nonce = setScriptNonce(page.res);
    expect(page.headers.get("content-security-policy")).toContain("style-src 'self';");
    allowNonceStyles(page.res, nonce);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(policy).toContain(`style-src 'self' 'nonce-${nonce}';`);
    expect(policy).not.toContain("unsafe-inline");
  });

  it("gives every response a fresh nonce and its policy", () => {
    const first = response();
    const second = response();
    const a = setScriptNonce(first.res);
    const b = setScriptNonce(second.res);
    expect(a).not.toBe(b);
    expect(first.headers.get("content-security-policy")).toContain(`'nonce-${a}'`);
  });
});

describe("setSecurityHeaders", () => {
  it("sets the fixed headers, and HSTS only over HTTPS", () => {
    const plain = response();
    setSecurityHeaders(request({}), plain.res, trustNone);
    expect(Object.fromEntries(plain.headers)).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
    });
    expect(plain.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(plain.headers.has("strict-transport-security")).toBe(false);

    const tls = response();
    setSecurityHeaders(request({}, { encrypted: true }), tls.res, trustNone);
    expect(tls.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });

  it("gives a receipt page no referrer at all", () => {
    const receipt = response();
    setSecurityHeaders(request({}, { url: "/y-kien/abc" }), receipt.res, trustNone);
    expect(receipt.headers.get("referrer-policy")).toBe("no-referrer");
  });
});

describe("isHttps", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const forwarded = { "x-forwarded-proto": "https" };
    expect(isHttps(request(forwarded), trustNone)).toBe(false);
    expect(isHttps(request(forwarded), trustLoopback)).toBe(true);
    expect(isHttps(request(forwarded, { remoteAddress: "203.0.113.9" }), trustLoopback)).toBe(false);
    expect(isHttps(request({ "x-forwarded-proto": "http, https" }), trustLoopback)).toBe(false);
    expect(isHttps(request({}), trustLoopback)).toBe(false);
  });
});

describe("isForeignOrigin", () => {
  it("compares Origin with the host the request was sent to, as Remix's own check does", () => {
    expect(isForeignOrigin({ host: "gopy.vn" })).toBe(false);
    expect(isForeignOrigin({ host: "gopy.vn", origin: "https://gopy.vn" })).toBe(false);
    expect(isForeignOrigin({ host: "gopy.vn:8080", origin: "http://gopy.vn:8080" })).toBe(false);
    expect(isForeignOrigin({ host: "internal:3000", "x-forwarded-host": "gopy.vn", origin: "https://gopy.vn" })).toBe(false);
    expect(isForeignOrigin({ host: "gopy.vn", origin: "https://ke-gian.example" })).toBe(true);
    expect(isForeignOrigin({ host: "gopy.vn", origin: "null" })).toBe(true);
    expect(isForeignOrigin({ host: "gopy.vn", origin: "không phải địa chỉ" })).toBe(true);
    expect(isForeignOrigin({ origin: "https://gopy.vn" })).toBe(true);
  });
});
