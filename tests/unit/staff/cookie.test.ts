import { expect, it } from "vitest";
import { clearSessionCookieHeader, cookieIsSecure, readSessionCookie, sessionCookieHeader, signValue, unsignValue } from "~/staff/cookie.server.ts";
import { sessionIdOf } from "~/staff/sessions.server.ts";

const SECRET = "bí-mật-thử-nghiệm";
const TOKEN = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk";

it("signs the token and gives it back only when nothing was changed", () => {
  const signed = signValue(TOKEN, SECRET);
  expect(signed.startsWith(`${TOKEN}.`)).toBe(true);
  expect(unsignValue(signed, SECRET)).toBe(TOKEN);
});

it("refuses a tampered token, a tampered signature, another secret and garbage", () => {
  const signed = signValue(TOKEN, SECRET);
  const [token, signature] = signed.split(".");
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
  expect(unsignValue(`${flip(token, 3)}.${signature}`, SECRET)).toBeNull();
  expect(unsignValue(`${token}.${flip(signature, 5)}`, SECRET)).toBeNull();
  expect(unsignValue(`${token}.${signature}x`, SECRET)).toBeNull();
  expect(unsignValue(`${token}.`, SECRET)).toBeNull();
  expect(unsignValue(signed, "bí-mật-khác")).toBeNull();
  for (const garbage of ["", ".", TOKEN, `.${signature}`]) expect(unsignValue(garbage, SECRET)).toBeNull();
});

it("reads the session cookie among others", () => {
  const signed = signValue(TOKEN, SECRET);
  const request = (cookie?: string) => new Request("http://localhost/quan-tri", { headers: cookie ? { cookie } : {} });
  expect(readSessionCookie(request(`a=1; gopy_phien=${encodeURIComponent(signed)}; b=2`))).toBe(signed);
  expect(readSessionCookie(request("gopy_phien_cu=x; a=1"))).toBeNull();
  expect(readSessionCookie(request())).toBeNull();
  expect(readSessionCookie(request("gopy_phien=%E0%A4%A"))).toBeNull();
});

it("sets HttpOnly, SameSite=Lax, Path=/, and Secure only on https or COOKIE_SECURE=1", () => {
  const header = sessionCookieHeader("v.s", { secure: false });
  expect(header).toBe("gopy_phien=v.s; Path=/; HttpOnly; SameSite=Lax");
  expect(sessionCookieHeader("v.s", { secure: true })).toMatch(/; Secure$/);
  expect(clearSessionCookieHeader({ secure: false })).toMatch(/^gopy_phien=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970/);
  expect(cookieIsSecure(new Request("https://gopy.gov.vn/dang-nhap"), {})).toBe(true);
  expect(cookieIsSecure(new Request("http://localhost/dang-nhap"), {})).toBe(false);
  expect(cookieIsSecure(new Request("http://localhost/dang-nhap"), { COOKIE_SECURE: "1" })).toBe(true);
});

it("stores only the SHA-256 of the token as the session id", () => {
  expect(sessionIdOf("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  expect(sessionIdOf(TOKEN)).not.toContain(TOKEN);
});
