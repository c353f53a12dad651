import { createChallenge, verifySolution } from "altcha-lib/v1";
import { expect, it } from "vitest";
import { verifyCaptcha } from "~/comments/captcha.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";

// The server's check against altcha-lib's own, on the same payloads. The database parts are
// replaced by an in-memory set of used signatures (their SQL is tested in integration tests).
const KEY = "khoa-bi-mat-thu";
process.env.CAPTCHA_SECRET = KEY;
const used = new Set<string>();
const sql = {
  provider: "sqlite",
  run: async (_sql: string, [signature]: unknown[]) => (used.has(signature as string) ? 0 : (used.add(signature as string), 1)),
  all: async () => [],
  transact: async () => true,
  close: async () => {},
} as unknown as SqlDriver;
const db = {} as Db;

async function payload(overrides: Record<string, unknown> = {}, expires = new Date(Date.now() + 60_000)) {
  const number = 4242;
  const c = await createChallenge({ hmacKey: KEY, number, maxNumber: 10_000, expires });
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature, ...overrides })).toString("base64");
}

it("accepts exactly what altcha-lib accepts, once", async () => {
  const good = await payload();
  expect(await verifySolution(good, KEY, true)).toBe(true);
  expect(await verifyCaptcha(db, sql, good)).toBe("ok");
  expect(await verifyCaptcha(db, sql, good)).toBe("replayed");
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
    expect(await verifyCaptcha(db, sql, p)).toBe("invalid");
  }
  const otherKey = await createChallenge({ hmacKey: "khoa-khac", number: 1, maxNumber: 10, expires: new Date(Date.now() + 60_000) });
  const foreign = Buffer.from(JSON.stringify({ ...otherKey, number: 1 })).toString("base64");
  expect(await verifyCaptcha(db, sql, foreign)).toBe("invalid");
  expect(await verifyCaptcha(db, sql, "không phải base64 {")).toBe("invalid");
  expect(await verifyCaptcha(db, sql, "")).toBe("missing");
  expect(await verifyCaptcha(db, sql, "x".repeat(3_000))).toBe("invalid");
});
