import { createChallenge, verifySolution } from "altcha-lib/v1";
import { expect, it } from "vitest";
import { checkCaptcha } from "~/comments/captcha.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";

// The server's check against altcha-lib's own, on the same payloads. Using a solution up happens in
// the comment's insert and is tested with the database (tests/integration/comments/comments.test.ts).
const KEY = "khoa-bi-mat-thu";
process.env.CAPTCHA_SECRET = KEY;
const sql = { provider: "sqlite", run: async () => 0, all: async () => [], transact: async () => true, close: async () => {} } as unknown as SqlDriver;
const db = {} as Db;
const DRAFT = "du-thao-a";
const status = async (payload: string, slug = DRAFT) => (await checkCaptcha(db, sql, payload, slug)).status;

async function payload(
  overrides: Record<string, unknown> = {},
  expires = new Date(Date.now() + 60_000),
  params: Record<string, string> = { "du-thao": DRAFT },
) {
  const number = 4242;
  const c = await createChallenge({ hmacKey: KEY, number, maxNumber: 10_000, expires, params });
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature, ...overrides })).toString(
    "base64",
  );
}

it("accepts exactly what altcha-lib accepts, and tells which solution it was", async () => {
  const good = await payload();
  expect(await verifySolution(good, KEY, true)).toBe(true);
  const check = await checkCaptcha(db, sql, good, DRAFT);
  expect(check).toMatchObject({ status: "ok", signature: JSON.parse(Buffer.from(good, "base64").toString()).signature });
  expect(check.status === "ok" && check.expiresAt.getTime()).toBeGreaterThan(Date.now());
});

it("refuses what altcha-lib refuses: wrong number, wrong signature, expired, other key, garbage", async () => {
  const cases = [
    await payload({ number: 4243 }),
    await payload({ signature: "0".repeat(64) }),
    await payload({}, new Date(Date.now() - 1_000)),
    await payload({ algorithm: "SHA-512" }),
  ];
  for (const p of cases) {
    expect(await verifySolution(p, KEY, true)).toBe(false);
    expect(await status(p)).toBe("invalid");
  }
  const otherKey = await createChallenge({ hmacKey: "khoa-khac", number: 1, maxNumber: 10, expires: new Date(Date.now() + 60_000) });
  const foreign = Buffer.from(JSON.stringify({ ...otherKey, number: 1 })).toString("base64");
  expect(await status(foreign)).toBe("invalid");
  expect(await status("không phải base64 {")).toBe("invalid");
  expect(await status("")).toBe("missing");
  expect(await status("x".repeat(3_000))).toBe("invalid");
});

it("refuses a solution issued for another draft, or for none, though altcha-lib alone would take it", async () => {
  const forA = await payload();
  expect(await status(forA, "du-thao-b")).toBe("invalid");
  const unbound = await payload({}, undefined, {});
  expect(await verifySolution(unbound, KEY, true)).toBe(true);
  expect(await status(unbound)).toBe("invalid");
  // The draft is in the signed salt: rewriting it breaks the signature.
  const decoded = JSON.parse(Buffer.from(forA, "base64").toString());
  const moved = Buffer.from(JSON.stringify({ ...decoded, salt: decoded.salt.replace("du-thao-a", "du-thao-b") })).toString("base64");
  expect(await status(moved, "du-thao-b")).toBe("invalid");
  expect(await status(forA)).toBe("ok");
});
