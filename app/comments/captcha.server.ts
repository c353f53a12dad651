import { randomBytes } from "node:crypto";
import { createChallenge, verifySolution } from "altcha-lib/v1";
import type { Db } from "~/platform/db.server.ts";
import { getOrCreateSetting, getSetting, setSetting } from "~/platform/settings.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { useCaptchaSignature } from "./comment-store.server.ts";

// A self-hosted proof-of-work captcha (the ALTCHA scheme, altcha-lib's v1 API): the browser finds a
// number whose SHA-256 with the salt matches the challenge; the server checks it with one hash and an
// HMAC. No third-party service is called. Each solution is accepted once (CaptchaUse).

export const DEFAULT_DIFFICULTY = 50_000;
const MAX_DIFFICULTY = 5_000_000;
const VALID_FOR_MS = 20 * 60_000;

const DIFFICULTY_KEY = "captcha.maxNumber";
const SECRET_KEY = "captcha.secret";

async function hmacKey(db: Db) {
  return process.env.CAPTCHA_SECRET || getOrCreateSetting(db, SECRET_KEY, () => randomBytes(32).toString("base64url"));
}

export async function getDifficulty(db: Db): Promise<number> {
  const value = Number(await getSetting(db, DIFFICULTY_KEY));
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_DIFFICULTY;
}

/** For an administrator during a flood: a higher number makes each submission cost more work. */
export async function setDifficulty(db: Db, maxNumber: number) {
  if (!Number.isInteger(maxNumber) || maxNumber < 1_000 || maxNumber > MAX_DIFFICULTY) {
    throw new Error(`Độ khó phải là số nguyên từ 1.000 đến ${MAX_DIFFICULTY.toLocaleString("vi-VN")}.`);
  }
  await setSetting(db, DIFFICULTY_KEY, String(maxNumber));
}

export async function issueChallenge(db: Db, now = new Date()) {
  return createChallenge({
    hmacKey: await hmacKey(db),
    maxNumber: await getDifficulty(db),
    expires: new Date(now.getTime() + VALID_FOR_MS),
  });
}

export type CaptchaResult = "ok" | "missing" | "invalid" | "replayed";

/**
 * Checks a solution (the base64 JSON payload the form sends) and uses it up. Expired, forged or
 * malformed payloads are "invalid"; a payload seen before is "replayed".
 */
export async function verifyCaptcha(db: Db, sql: SqlDriver, payload: string | null | undefined, now = new Date()): Promise<CaptchaResult> {
  if (!payload) return "missing";
  if (payload.length > 2_000) return "invalid";
  let parsed: { signature?: unknown; salt?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return "invalid";
  }
  if (typeof parsed.signature !== "string" || typeof parsed.salt !== "string") return "invalid";
  const valid = await verifySolution(payload, await hmacKey(db), true).catch(() => false);
  if (!valid) return "invalid";
  // The salt carries the expiry (`?expires=<seconds>`); the row may go once the challenge could not verify anyway.
  const expires = Number(new URLSearchParams(parsed.salt.split("?")[1] ?? "").get("expires")) * 1000;
  const expiresAt = new Date(Number.isFinite(expires) && expires > 0 ? expires : now.getTime() + VALID_FOR_MS);
  if (!(await useCaptchaSignature(sql, parsed.signature, expiresAt))) return "replayed";
  maybeSweep(db, now);
  return "ok";
}

let lastSweep = 0;
/** Forgets used solutions whose challenge has expired, at most once a minute. */
function maybeSweep(db: Db, now: Date) {
  if (now.getTime() - lastSweep < 60_000) return;
  lastSweep = now.getTime();
  void db.captchaUse.deleteMany({ where: { expiresAt: { lt: now } } }).catch(() => undefined);
}
