import { createHmac, timingSafeEqual } from "node:crypto";

// Synchronizer token derived from the session's own random secret: nothing extra is stored, and a
// token from one session is worthless in another. SameSite=Lax already stops most cross-site posts;
// this covers the rest (older browsers, same-site subdomains).
export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

export function csrfTokenFor(csrfSecret: string): string {
  return createHmac("sha256", csrfSecret).update("gopy-csrf-v1").digest("base64url");
}

/** Compares the token a request carries with the session's (csrfTokenFor), in constant time. */
export function csrfTokenMatches(expectedToken: string, token: unknown): boolean {
  if (typeof token !== "string" || token.length === 0) return false;
  const given = Buffer.from(token);
  const expected = Buffer.from(expectedToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The token a request carries: the form field, else the header. */
export function csrfTokenOf(request: Request, formData: FormData | null): string | null {
  const field = formData?.get(CSRF_FIELD);
  if (typeof field === "string" && field) return field;
  return request.headers.get(CSRF_HEADER);
}
