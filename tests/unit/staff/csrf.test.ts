import { expect, it } from "vitest";
import { csrfTokenFor, csrfTokenMatches, csrfTokenOf } from "~/staff/csrf.server.ts";

it("derives one token per session secret and accepts only that token", () => {
  const token = csrfTokenFor("bí-mật-phiên-1");
  expect(token).toBe(csrfTokenFor("bí-mật-phiên-1"));
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(csrfTokenMatches(token, token)).toBe(true);
  expect(csrfTokenMatches(token, csrfTokenFor("bí-mật-phiên-2"))).toBe(false);
  expect(csrfTokenMatches(token, token.slice(1))).toBe(false);
  for (const bad of ["", null, undefined, 42, `${token} `]) expect(csrfTokenMatches(token, bad)).toBe(false);
});

it("reads the token from the form field, else from the x-csrf-token header", () => {
  const form = new FormData();
  form.set("csrf", "tu-bieu-mau");
  const withHeader = new Request("http://localhost/x", { method: "POST", headers: { "x-csrf-token": "tu-tieu-de" } });
  expect(csrfTokenOf(withHeader, form)).toBe("tu-bieu-mau");
  expect(csrfTokenOf(withHeader, new FormData())).toBe("tu-tieu-de");
  expect(csrfTokenOf(withHeader, null)).toBe("tu-tieu-de");
  expect(csrfTokenOf(new Request("http://localhost/x", { method: "POST" }), null)).toBeNull();
});
