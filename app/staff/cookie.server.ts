import { createHmac, timingSafeEqual } from "node:crypto";
import { buildConfig, config } from "~/platform/config.server.ts";

// The only place that knows how the staff session cookie looks. It carries the session token
// (never stored: the Session row's id is its SHA-256), signed with HMAC-SHA-256 so a forged or
// altered value is refused before any database lookup.
export const SESSION_COOKIE = "gopy_phien";

function mac(secret: string, value: string) {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

export function signValue(value: string, secret: string): string {
  return `${value}.${mac(secret, value)}`;
}

/** The value when the signature matches, otherwise null. */
export function unsignValue(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(mac(secret, value));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

/** The raw (still signed) value of the session cookie, if the request has one. */
export function readSessionCookie(request: Request): string | null {
  return sessionCookieOf(request.headers.get("cookie"));
}

/** The same, from a Cookie header (server/index.js has no Request yet). */
export function sessionCookieOf(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** Secure when the request came over https (the Express adapter honours TRUST_PROXY) or COOKIE_SECURE=1. */
export function cookieIsSecure(request: Request, source?: Record<string, string | undefined>): boolean {
  return (source ? buildConfig(source) : config()).server.cookieSecure || new URL(request.url).protocol === "https:";
}

type CookieOptions = { secure: boolean; maxAgeSeconds?: number };

function serialize(value: string, { secure, maxAgeSeconds }: CookieOptions) {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
  if (maxAgeSeconds === 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function sessionCookieHeader(signedToken: string, options: CookieOptions): string {
  return serialize(signedToken, options);
}

export function clearSessionCookieHeader(options: { secure: boolean }): string {
  return serialize("", { ...options, maxAgeSeconds: 0 });
}
